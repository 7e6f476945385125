import { ZCreateChannelInput } from "@/lib/schemas/channel";
import { ZPagination } from "@/lib/zod-helpers";
import { restRoute } from "@/server/http/rest-route";
import { createChannel, listChannels, ZListChannelsQuery } from "@/server/services/channels";

// GET /api/notification-channels
export const GET = restRoute({ query: ZPagination.and(ZListChannelsQuery) }, ({ scope, query }) =>
  listChannels({ scope, filter: query, page: query }),
);

// POST /api/notification-channels
export const POST = restRoute({ body: ZCreateChannelInput, status: 201 }, ({ scope, body }) =>
  createChannel({ scope, input: body }),
);
