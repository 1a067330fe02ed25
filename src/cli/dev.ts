// Runs the CLI from the TypeScript sources (npm run dev); bin/gongkai.js runs the compiled build.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
