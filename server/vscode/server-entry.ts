// The language server as the extension bundles it: VS Code starts it over Node IPC (--node-ipc).
import { startServer } from '../server';

startServer();
