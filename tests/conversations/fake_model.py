#!/usr/bin/env python3
"""A scripted stand-in for a language model, speaking the OpenAI-compatible Chat Completions wire protocol.

    python3 fake_model.py --port 5213 [--script model-script.jsonl] [--log requests.jsonl]

Serves POST /v1/chat/completions (plain JSON, or server-sent event chunks when the request has "stream": true, which
is what the host's client sends), with tool calls, on loopback. Python 3 standard library only, like run.py.

It plays a script (model-script.jsonl, one JSON object a line, `//` lines ignored). An entry:

    {"lang": "en", "match": "^remind me to (?P<what>.+) at (?P<when>\\d+ ?pm)$", "after": "regex", "rounds": [
       [{"name": "add_reminder", "args": {"text": "{{what}}", "when": "{{when}}"}}]],
     "reply": "{{results}} Reply UNDO to cancel."}

- `match`: a regex searched in the newest user message, folded (lower case, no accents, straight apostrophes, one
  space between words, no trailing punctuation). Named groups are the placeholders of the arguments and the reply.
- `after` (optional): a regex the previous assistant message (folded) must contain: a follow-up answer.
- `lang` (optional): the conversation's language, read from the system prompt's "Reply in English/French".
- `rounds`: the tool calls of each model round, in order; round N is played when the request holds N-1 rounds of
  tool calls after the newest user message. Arguments may hold `{{group}}` and `{{result.K.path}}` references
  (K: the K-th tool result of this turn, 0 first; path: fields and indexes of its JSON, e.g. result.0.lines.0).
- `reply`: the final text once the rounds are played. `{{results}}` is what the tools said, the way a careful model
  passes it on: a question when a tool asked one (and nothing else), otherwise each tool's summary and lines. The
  default reply is `{{results}}`; `{{undo}}` adds the undo line when every tool did what it was asked. `{{today}}`, `{{tomorrow}}`, `{{week_start}}` (Monday) and `{{month_start}}` are ISO
  dates worked out from the system prompt's local date, as a model would.

A message no entry matches gets "I'm not sure what you mean." in the conversation's language, so a scenario fails
honestly instead of crashing. The first matching entry wins, so specific entries go first.
"""
import argparse
import datetime
import json
import re
import sys
import time
import unicodedata
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

UNDO = {"en": "Reply UNDO to cancel.", "fr": "Réponds ANNULE pour annuler."}
UNSURE = {"en": "I'm not sure what you mean.", "fr": "Je ne suis pas sûr de comprendre."}


def fold(text):
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("\u0153", "oe").replace("\u00e6", "ae").replace("\u2019", "'").replace("\u00ab", " ").replace("\u00bb", " ").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"[\s.!?]+$", "", text)


def load_script(path):
    entries = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            entry = json.loads(line)
            try:
                entry["_match"] = re.compile(entry["match"])
                entry["_after"] = re.compile(entry["after"]) if entry.get("after") else None
            except re.error as error:
                sys.exit(f"{path}:{number}: bad regex: {error}")
            entries.append(entry)
    return entries


def text_of(content):
    if isinstance(content, list):
        return "".join(part.get("text", "") for part in content if isinstance(part, dict))
    return content or ""


def language_of(messages):
    for message in messages:
        if message.get("role") == "system":
            if "Reply in French" in text_of(message.get("content")):
                return "fr"
            return "en"
    return "en"


def dates_of(messages):
    """The dates a model works out from the system prompt's "Their local date and time: Friday 2026-12-04 18:00"."""
    for message in messages:
        found = re.search(r"(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}", text_of(message.get("content"))) \
            if message.get("role") == "system" else None
        if found:
            today = datetime.date.fromisoformat(found.group(1))
            return {"today": today.isoformat(), "tomorrow": (today + datetime.timedelta(days=1)).isoformat(),
                    "week_start": (today - datetime.timedelta(days=today.weekday())).isoformat(),
                    "month_start": today.replace(day=1).isoformat()}
    return {}


def read_turn(messages):
    """The newest user message, the assistant message before it, and the tool rounds and results after it."""
    last_user = max((i for i, m in enumerate(messages) if m.get("role") == "user"), default=-1)
    user = text_of(messages[last_user].get("content")) if last_user >= 0 else ""
    previous = ""
    for message in reversed(messages[:max(last_user, 0)]):
        if message.get("role") == "assistant" and text_of(message.get("content")):
            previous = text_of(message.get("content"))
            break
    rounds = 0
    results = []
    for message in messages[last_user + 1:]:
        if message.get("role") == "assistant" and message.get("tool_calls"):
            rounds += 1
        elif message.get("role") == "tool":
            content = text_of(message.get("content"))
            try:
                results.append(json.loads(content))
            except ValueError:
                results.append({"done": content})
    return user, previous, rounds, results


def lookup(results, path):
    value = results
    for part in path.split("."):
        if isinstance(value, list):
            try:
                value = value[int(part)]
            except (ValueError, IndexError):
                return ""
        elif isinstance(value, dict):
            value = value.get(part, value.get(part[:1].upper() + part[1:], ""))
        else:
            return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def said(results):
    """What the tools said, passed on as a careful model does: the question alone when one asked."""
    def field(result, name):
        return result.get(name) or result.get(name[:1].upper() + name[1:]) if isinstance(result, dict) else None

    questions = [field(r, "question") for r in results if field(r, "question")]
    if questions:
        return questions[-1]
    parts = []
    for result in results:
        if not isinstance(result, dict):
            parts.append(str(result))
            continue
        for name in ("done", "note", "error"):
            if field(result, name):
                parts.append(field(result, name))
        lines = field(result, "lines") or []
        parts.extend(f"- {line}" for line in lines)
    return "\n".join(parts)


def undo_hint(results, language):
    """The undo line a careful model adds after doing something: not after a question, a refusal or a listing."""
    def field(result, name):
        return result.get(name) or result.get(name[:1].upper() + name[1:]) if isinstance(result, dict) else None

    acted = results and all(field(r, "done") and not field(r, "question") and not field(r, "error")
                            and field(r, "ok") is not False for r in results)
    return "\n" + UNDO[language] if acted else ""


def fill(value, groups, results):
    if isinstance(value, str):
        whole = re.fullmatch(r"\{\{(\w+)\}\}", value)
        if whole and re.fullmatch(r"-?\d+(\.\d+)?", str(groups.get(whole.group(1), ""))):
            number = groups[whole.group(1)]
            return float(number) if "." in number else int(number)

        def one(match):
            name = match.group(1)
            if name == "results":
                return said(results)
            if name == "undo":
                return undo_hint(results, groups.get("_lang", "en"))
            if name.startswith("result."):
                return lookup(results, name[len("result."):])
            return str(groups.get(name) or "")

        return re.sub(r"\{\{([\w.]+)\}\}", one, value)
    if isinstance(value, list):
        return [fill(v, groups, results) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, groups, results) for k, v in value.items()}
    return value


class Model:
    def __init__(self, entries, log):
        self.entries = entries
        self.log = log

    def answer(self, request):
        messages = request.get("messages") or []
        language = language_of(messages)
        user, previous, rounds, results = read_turn(messages)
        folded, folded_previous = fold(user), fold(previous)
        for entry in self.entries:
            if entry.get("lang") not in (None, language):
                continue
            found = entry["_match"].search(folded)
            if not found or (entry["_after"] and not entry["_after"].search(folded_previous)):
                continue
            groups = dict(dates_of(messages), _lang=language)
            groups.update({k: v for k, v in found.groupdict().items() if v is not None})
            plan = entry.get("rounds") or []
            if rounds < len(plan):
                calls = [{"name": c["name"], "arguments": fill(c.get("args") or {}, groups, results)} for c in plan[rounds]]
                return None, calls, entry["match"]
            return fill(entry.get("reply", "{{results}}"), groups, results), [], entry["match"]
        return UNSURE[language], [], None


def envelope(kind, choice):
    return {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": kind, "created": int(time.time()), "model": "fake-model",
            "choices": [choice]}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    model = None

    def log_message(self, *args):
        pass

    def do_POST(self):
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            request = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            self.send_error(400)
            return
        content, calls, matched = self.model.answer(request)
        if self.model.log:
            with open(self.model.log, "a", encoding="utf-8") as handle:
                user = read_turn(request.get("messages") or [])[0]
                handle.write(json.dumps({"user": user, "matched": matched, "content": content, "calls": calls},
                                        ensure_ascii=False) + "\n")
        tool_calls = [{"index": i, "id": f"call_{uuid.uuid4().hex[:24]}", "type": "function",
                       "function": {"name": c["name"], "arguments": json.dumps(c["arguments"], ensure_ascii=False)}}
                      for i, c in enumerate(calls)]
        finish = "tool_calls" if tool_calls else "stop"
        if not request.get("stream"):
            message = {"role": "assistant", "content": content}
            if tool_calls:
                message["tool_calls"] = [{k: v for k, v in c.items() if k != "index"} for c in tool_calls]
            body = json.dumps(envelope("chat.completion", {"index": 0, "message": message, "finish_reason": finish}))
            self.send(200, "application/json", body.encode())
            return
        delta = {"role": "assistant", "content": content}
        if tool_calls:
            delta["tool_calls"] = tool_calls
        chunks = [envelope("chat.completion.chunk", {"index": 0, "delta": delta, "finish_reason": None}),
                  envelope("chat.completion.chunk", {"index": 0, "delta": {}, "finish_reason": finish})]
        body = "".join(f"data: {json.dumps(c, ensure_ascii=False)}\n\n" for c in chunks) + "data: [DONE]\n\n"
        self.send(200, "text/event-stream", body.encode())

    def send(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5213)
    parser.add_argument("--script", default=None, help="default: model-script.jsonl beside this file")
    parser.add_argument("--log", default=None, help="append every request's turn, match and answer to this file")
    args = parser.parse_args()
    script = args.script or __file__.rsplit("/", 1)[0] + "/model-script.jsonl"
    Handler.model = Model(load_script(script), args.log)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(f"fake model on http://127.0.0.1:{args.port}/v1 ({len(Handler.model.entries)} script entries)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
