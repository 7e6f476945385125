// CLI scripts load .env.local then .env the way Next does, before anything reads process.env.
import { config } from "dotenv";

config({ path: ".env.local", quiet: true });
config({ path: ".env", quiet: true });
