import { IncomingMessage, Server, ServerResponse } from 'node:http';

const GO_ON = Symbol('grants:continue');

/**
 * A client that asks before sending its body (`Expect: 100-continue`, as curl does for a large
 * upload) is told to go on only once the body is about to be read: an upload refused before that is
 * answered without a byte of it being sent, and its connection closed (the client never sent the
 * body it announced). Node would otherwise answer "100 Continue" at once, before any guard runs.
 */
export function continueOnlyWhenRead(server: Server): void {
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    response.shouldKeepAlive = false;
    (request as IncomingMessage & { [GO_ON]?: () => void })[GO_ON] = () => {
      if (response.headersSent) return;
      response.writeContinue();
      response.shouldKeepAlive = true;
    };
    server.emit('request', request, response);
  });
}

/** Tells a waiting client to send its body now (nothing when it did not ask). */
export function continueBody(request: IncomingMessage): void {
  const goOn = (request as IncomingMessage & { [GO_ON]?: () => void })[GO_ON];
  delete (request as IncomingMessage & { [GO_ON]?: () => void })[GO_ON];
  goOn?.();
}
