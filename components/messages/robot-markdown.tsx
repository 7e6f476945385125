"use client";

import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

import { cn } from "@/lib/utils";

// Markdown as the robots show it: GitHub-flavoured (tables!), compact chat typography.
// <font color="…"> (WeCom's info/comment/warning, DingTalk's #hex) and WeCom's <@userid>
// mentions are turned into their look.

const FONT = /<font\s+color=["']?(info|comment|warning|#[0-9a-f]{3,8})["']?\s*>([\s\S]*?)<\/font>/gi;

/** Pure text transform (tested): WeCom-only tags into plain markdown the renderer understands. */
export function normalizeRobotMarkdown(text: string): string {
  return text
    .replace(FONT, (_, color: string, inner: string) => `\u2063${color.toLowerCase()}\u2063${inner}\u2063`)
    .replace(/<@([\w.@-]+)>/g, (_, id: string) => `**@${id === "all" ? "所有人" : id}**`);
}

const components: Components = {
  h1: ({ children }) => <p className="mt-1 text-base font-semibold">{children}</p>,
  h2: ({ children }) => <p className="mt-1 text-base font-semibold">{children}</p>,
  h3: ({ children }) => <p className="mt-1 text-[15px] font-semibold">{children}</p>,
  h4: ({ children }) => <p className="mt-1 font-semibold">{children}</p>,
  h5: ({ children }) => <p className="mt-1 font-semibold">{children}</p>,
  h6: ({ children }) => <p className="mt-1 font-semibold">{children}</p>,
  p: ({ children }) => <p className="my-1 break-words whitespace-pre-wrap">{children}</p>,
  a: ({ children, href }) => (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="text-sky-600 underline-offset-2 hover:underline dark:text-sky-400"
    >
      {children}
    </a>
  ),
  ul: ({ children }) => <ul className="my-1 list-disc pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="my-1 list-decimal pl-5">{children}</ol>,
  li: ({ children }) => <li className="my-0.5">{children}</li>,
  blockquote: ({ children }) => (
    <blockquote className="my-1 border-l-2 border-muted-foreground/40 pl-2 text-muted-foreground">
      {children}
    </blockquote>
  ),
  code: ({ children }) => (
    <code className="rounded bg-muted px-1 py-0.5 font-mono text-[12px]">{children}</code>
  ),
  pre: ({ children }) => (
    <pre className="my-1 overflow-x-auto rounded bg-muted p-2 text-[12px]">{children}</pre>
  ),
  hr: () => <hr className="my-2 border-border" />,
  table: ({ children }) => (
    <div className="my-1 overflow-x-auto">
      <table className="w-full border-collapse text-[13px]">{children}</table>
    </div>
  ),
  th: ({ children }) => (
    <th className="border border-border bg-muted/60 px-2 py-1 text-left font-medium">{children}</th>
  ),
  td: ({ children }) => <td className="border border-border px-2 py-1 align-top">{children}</td>,
  img: ({ src, alt }) => (
    // Robot previews show remote images as the robots do; next/image would proxy them.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      src={typeof src === "string" ? src : undefined}
      alt={alt ?? ""}
      className="my-1 max-h-60 max-w-full rounded"
    />
  ),
};

function Colored({ text }: { text: string }) {
  // Segments marked by normalizeRobotMarkdown: \u2063color\u2063text\u2063
  const parts = text.split("\u2063");
  if (parts.length < 4) return <>{text}</>;
  const out: React.ReactNode[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 3 === 1 && parts[i + 1] !== undefined) {
      const color = parts[i]!;
      out.push(
        color.startsWith("#") ? (
          <span key={i} style={{ color }}>
            {parts[i + 1]}
          </span>
        ) : (
          <span
            key={i}
            className={
              color === "info"
                ? "text-emerald-600"
                : color === "warning"
                  ? "text-orange-500"
                  : "text-muted-foreground"
            }
          >
            {parts[i + 1]}
          </span>
        ),
      );
      i++;
    } else {
      out.push(parts[i]);
    }
  }
  return <>{out}</>;
}

export function RobotMarkdown({ text, className }: { text: string; className?: string }) {
  const normalized = normalizeRobotMarkdown(text);
  return (
    <div className={cn("text-sm leading-relaxed", className)}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        components={{
          ...components,
          // Font colours survive as marked text inside paragraphs and cells.
          p: ({ children }) => <p className="my-1 break-words whitespace-pre-wrap">{mapText(children)}</p>,
          td: ({ children }) => (
            <td className="border border-border px-2 py-1 align-top">{mapText(children)}</td>
          ),
          li: ({ children }) => <li className="my-0.5">{mapText(children)}</li>,
        }}
      >
        {normalized}
      </ReactMarkdown>
    </div>
  );
}

function mapText(children: React.ReactNode): React.ReactNode {
  if (typeof children === "string")
    return children.includes("\u2063") ? <Colored text={children} /> : children;
  if (Array.isArray(children))
    return children.map((c, i) =>
      typeof c === "string" && c.includes("\u2063") ? <Colored key={i} text={c} /> : c,
    );
  return children;
}
