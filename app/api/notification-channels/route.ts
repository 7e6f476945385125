import { ZCreateChannelInput, ZListChannelsInput } from "@/lib/schemas/channel";
import { restRoute } from "@/server/http/rest-route";
import { createChannel, listChannels } from "@/server/services/channels";

// GET /api/notification-channels
export const GET = restRoute({ query: ZListChannelsInput }, ({ scope, query }) =>
  listChannels({ scope, filter: query, page: query }),
);

// POST /api/notification-channels
export const POST = restRoute({ body: ZCreateChannelInput, status: 201 }, ({ scope, body }) =>
  createChannel({ scope, input: body }),
);
