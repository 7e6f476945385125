import { ZTestChannelInput } from "@/lib/schemas/channel";
import { ZIdParams } from "@/lib/schemas/common";
import { restRoute } from "@/server/http/rest-route";
import { testChannel } from "@/server/services/channels";

// POST /api/notification-channels/{id}/test
export const POST = restRoute({ params: ZIdParams, body: ZTestChannelInput }, ({ scope, params, body }) =>
  testChannel({ scope, id: params.id, content: body?.content }),
);
