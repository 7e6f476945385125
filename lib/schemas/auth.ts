import { z } from "zod";

// The sign-in form's input, checked by the login form and by next-auth's credentials provider.

export const ZEmail = z.string().trim().toLowerCase().email();

export const ZCredentials = z.object({
  email: ZEmail,
  password: z.string().min(1).max(200),
});
