# Self-hosting image: Node 20, the app built once, `npm start` (migrate, seed, serve) as the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# isolated-vm compiles a native addon at install.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund && test -f node_modules/isolated-vm/out/isolated_vm.node
COPY . .
# next.config.ts validates the environment at build time; a throwaway secret is enough to build.
RUN APP_SECRET=build-time-placeholder-secret-0123456789 npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app ./
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npm", "start"]
