import { createServer, type AddressInfo, type Socket } from 'node:net';

/** A server that accepts connections and never answers: a hung server or a black-holed route. */
export type SilentServer = Readonly<{ port: number; stop: () => Promise<void> }>;

export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
