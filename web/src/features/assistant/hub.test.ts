import { sharedConnection, type AssistantConnection } from './hub';

function countingConnection() {
  const calls = { built: 0, started: 0, stopped: 0, reconnected: [] as (() => void)[] };
  const build = (): AssistantConnection => {
    calls.built += 1;
    return {
      on: () => undefined,
      off: () => undefined,
      start: () => {
        calls.started += 1;
        return Promise.resolve();
      },
      stop: () => {
        calls.stopped += 1;
        return Promise.resolve();
      },
      onreconnected: (callback) => calls.reconnected.push(callback),
    };
  };
  return { calls, build };
}

describe('sharedConnection', () => {
  it('opens one connection for every listener and closes it after the last one leaves', async () => {
    const { calls, build } = countingConnection();
    const connect = sharedConnection(build);

    const chat = await connect();
    const bell = await connect();
    await chat.start();
    await bell.start();
    expect(calls).toMatchObject({ built: 1, started: 1, stopped: 0 });

    await chat.stop();
    expect(calls.stopped).toBe(0);
    await bell.stop();
    expect(calls.stopped).toBe(1);
  });

  it('opens it again for a listener that comes after it closed', async () => {
    const { calls, build } = countingConnection();
    const connect = sharedConnection(build);
    const first = await connect();
    await first.start();
    await first.stop();

    const second = await connect();
    await second.start();

    expect(calls).toMatchObject({ built: 1, started: 2, stopped: 1 });
  });

  it('tells only the listeners still there about a reconnection', async () => {
    const { calls, build } = countingConnection();
    const connect = sharedConnection(build);
    const chat = await connect();
    const bell = await connect();
    const heard: string[] = [];
    chat.onreconnected?.(() => heard.push('chat'));
    bell.onreconnected?.(() => heard.push('bell'));
    await chat.start();
    await bell.start();
    await chat.stop();

    calls.reconnected.forEach((callback) => {
      callback();
    });

    expect(heard).toEqual(['bell']);
  });
});
