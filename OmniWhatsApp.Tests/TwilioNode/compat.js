// Twilio's own Node helper library, pointed at the emulator, doing what an app does against Twilio; and signing a
// webhook the way that library checks Twilio's. Reads one JSON request on stdin and writes one JSON answer on stdout.
//
// The library has no base-address option. Its supported way to change how requests go out is a custom HTTP client
// (the `httpClient` option): this one is the library's own RequestClient, with Twilio's hosts swapped for the
// emulator's paths, as a proxy in front of Twilio would.
"use strict";
const twilio = require("twilio");

const HOSTS = {
  "api.twilio.com": "emulator/twilio/",
  "content.twilio.com": "emulator/twilio-content/",
  "messaging.twilio.com": "emulator/twilio-messaging/",
};

class EmulatorRequestClient extends twilio.RequestClient {
  constructor(base) {
    super({ timeout: 15000 });
    this.base = base;
  }

  request(opts) {
    const url = new URL(opts.uri);
    const path = HOSTS[url.hostname];
    const uri = path ? new URL(path + url.pathname.replace(/^\//, "") + url.search, this.base).href : opts.uri;
    return super.request({ ...opts, uri });
  }
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

function message(m) {
  return {
    sid: m.sid,
    accountSid: m.accountSid,
    from: m.from,
    to: m.to,
    body: m.body,
    status: m.status,
    direction: m.direction,
    numMedia: m.numMedia,
    numSegments: m.numSegments,
    errorCode: m.errorCode,
    dateCreated: m.dateCreated instanceof Date && !isNaN(m.dateCreated) ? m.dateCreated.toISOString() : null,
  };
}

async function failure(promise) {
  try {
    await promise;
    return null;
  } catch (error) {
    return { name: error.constructor.name, status: error.status, code: error.code, moreInfo: error.moreInfo };
  }
}

async function main() {
  const input = await readStdin();
  const client = twilio(input.accountSid, input.authToken, { httpClient: new EmulatorRequestClient(input.emulatorBase) });
  const answer = {};

  const account = await client.api.v2010.accounts(input.accountSid).fetch();
  answer.account = { sid: account.sid, friendlyName: account.friendlyName, status: account.status, type: account.type };

  const created = await client.messages.create({ from: input.from, to: input.to, body: input.body, statusCallback: input.statusCallback });
  answer.created = message(created);
  answer.fetched = message(await client.messages(created.sid).fetch());
  answer.listed = (await client.messages.list({ from: input.from, to: input.to, limit: 20 })).map(message);
  answer.listedByPage = (await client.messages.list({ from: input.from, to: input.to, pageSize: 1, limit: 20 })).map((m) => m.sid);

  answer.contents = (await client.content.v1.contents.list({ limit: 100 }))
    .map((c) => ({ sid: c.sid, friendlyName: c.friendlyName, language: c.language, types: c.types, variables: c.variables }));
  answer.contentAndApprovals = (await client.content.v1.contentAndApprovals.list({ limit: 100 }))
    .map((c) => ({ sid: c.sid, friendlyName: c.friendlyName, approvalStatus: c.approvalRequests ? c.approvalRequests.status : null }));

  answer.unknownMessage = await failure(client.messages("SM" + "0".repeat(32)).fetch());
  answer.wrongToken = await failure(
    twilio(input.accountSid, "f".repeat(32), { httpClient: new EmulatorRequestClient(input.emulatorBase) }).api.v2010.accounts(input.accountSid).fetch());

  // A webhook as Twilio would sign it for the app's inbound URL, and the library's own check of it.
  answer.webhookSignature = twilio.getExpectedTwilioSignature(input.authToken, input.webhookUrl, input.webhookParams);
  answer.webhookSignatureValid = twilio.validateRequest(input.authToken, answer.webhookSignature, input.webhookUrl, input.webhookParams);

  // The emulator's own signature on a request it made, checked by the library.
  if (input.callback) {
    answer.callbackValid = twilio.validateRequest(input.authToken, input.callback.signature, input.callback.url, input.callback.params);
  }

  process.stdout.write(JSON.stringify(answer));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
