import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

/** Entry of dist/server.js: the transport (--node-ipc, --stdio, --socket=N) comes from the command line. */
startServer(createConnection(ProposedFeatures.all));
