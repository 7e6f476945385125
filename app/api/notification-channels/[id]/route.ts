import { ZUpdateChannelInput } from "@/lib/schemas/channel";
import { ZIdParams } from "@/lib/schemas/common";
import { restRoute } from "@/server/http/rest-route";
import { deleteChannel, getChannelOrThrow, updateChannel } from "@/server/services/channels";

// GET /api/notification-channels/{id}
export const GET = restRoute({ params: ZIdParams }, ({ scope, params }) =>
  getChannelOrThrow({ scope, id: params.id }),
);

// PUT /api/notification-channels/{id}
export const PUT = restRoute({ params: ZIdParams, body: ZUpdateChannelInput }, ({ scope, params, body }) =>
  updateChannel({ scope, id: params.id, input: body }),
);

// DELETE /api/notification-channels/{id}
export const DELETE = restRoute({ params: ZIdParams }, ({ scope, params }) =>
  deleteChannel({ scope, id: params.id }),
);
