import {
  ZCreateChannelInput,
  ZListChannelsInput,
  ZTestChannelByIdInput,
  ZUpdateChannelInput,
} from "@/lib/schemas/channel";
import { ZIdParams } from "@/lib/schemas/common";
import {
  createChannel,
  deleteChannel,
  getChannelOrThrow,
  listChannels,
  testChannel,
  updateChannel,
} from "../services/channels";
import { createTRPCRouter, tenantProcedure } from "../trpc";

export const channelsRouter = createTRPCRouter({
  list: tenantProcedure.input(ZListChannelsInput.optional()).query(({ ctx, input }) => {
    const q = input ?? ZListChannelsInput.parse({});
    return listChannels({ scope: ctx.scope, filter: q, page: q });
  }),
  get: tenantProcedure
    .input(ZIdParams)
    .query(({ ctx, input }) => getChannelOrThrow({ scope: ctx.scope, id: input.id })),
  create: tenantProcedure
    .input(ZCreateChannelInput)
    .mutation(({ ctx, input }) => createChannel({ scope: ctx.scope, input })),
  update: tenantProcedure
    .input(ZIdParams.extend({ data: ZUpdateChannelInput }))
    .mutation(({ ctx, input }) => updateChannel({ scope: ctx.scope, id: input.id, input: input.data })),
  delete: tenantProcedure
    .input(ZIdParams)
    .mutation(({ ctx, input }) => deleteChannel({ scope: ctx.scope, id: input.id })),
  test: tenantProcedure
    .input(ZTestChannelByIdInput)
    .mutation(({ ctx, input }) => testChannel({ scope: ctx.scope, id: input.id, content: input.content })),
});
