#!/usr/bin/env python3
"""Writes one made-up chat (our own words) in every export layout `coach report` reads, byte for
byte as the apps lay them out, so each must give the same per-person figures:

  whatsapp-android-us.txt   Android, month first, 12-hour clock, U+202F before AM/PM
  whatsapp-android-gb.txt   Android, day first, 24-hour clock
  whatsapp-ios.txt          iOS, [day first, seconds], U+200E marks, CRLF line ends
  whatsapp-ios-us.txt       iOS, [month first, 12-hour clock with seconds]
  whatsapp-de.txt           Android, German dotted dates
  telegram.json             Telegram Desktop result.json (text as a string or as entities)
  chat.csv, chat.jsonl      time, sender, text

Run from this folder; the files are committed. Each layout's system lines and attachments are
added where the app puts them (they are skipped, not counted).
"""
import datetime
import json

# (minutes after the start, sender, text); the start is Sunday 2024-01-14 20:00.
CHAT = [
    (0, "Sam", "hey, are you coming home for dinner?"),
    (3, "Alex", "yes, around 8. love you"),
    (1440, "Sam", "You never tell me when you'll be late. The food was cold again"),
    (1442, "Alex", "It's not my fault the train was delayed"),
    (1443, "Sam", "You always have an excuse"),
    (1445, "Sam", "whatever. I'm done talking about this"),
    (1447, "Sam", "you're so selfish"),
    (1460, "Alex", "I'm sorry, I should have texted you"),
    (1470, "Sam", "thank you for saying that"),
    (2890, "Alex", "Can we talk about the weekend plans tonight?"),
    (2900, "Sam", "sure, after 9 works for me\nI'll make tea"),
    (8650, "Alex", "Oh great, another genius idea from you 🙄"),
    (8652, "Sam", "I feel hurt when you mock me. Could we slow down?"),
    (8660, "Alex", "you're right, sorry. let's start over"),
    (10090, "Sam", "thanks for the flowers today, that was sweet"),
]
START = datetime.datetime(2024, 1, 14, 20, 0, 0)
NNBSP, LRM = "\u202f", "\u200e"


def times():
    for minutes, who, text in CHAT:
        yield START + datetime.timedelta(minutes=minutes, seconds=(minutes * 7) % 60), who, text


def clock12(t, seconds):
    h = t.hour % 12 or 12
    return f"{h}:{t.minute:02d}" + (f":{t.second:02d}" if seconds else "") + NNBSP + ("AM" if t.hour < 12 else "PM")


def write(name, text, newline="\n"):
    with open(name, "w", encoding="utf-8", newline="") as f:
        f.write(text.replace("\n", newline))


def android(name, date, clock):
    lines = [f"{date(START)}, {clock(START)} - Messages and calls are end-to-end encrypted. No one outside of this "
             "chat, not even WhatsApp, can read or listen to them. Tap to learn more."]
    for i, (t, who, text) in enumerate(times()):
        lines.append(f"{date(t)}, {clock(t)} - {who}: {text}")
        if i == 4:
            lines.append(f"{date(t)}, {clock(t)} - {who}: <Media omitted>")
        if i == 9:
            lines.append(f"{date(t)}, {clock(t)} - {who}: IMG-20240116-WA0003.jpg (file attached)")
    write(name, "\n".join(lines) + "\n")


def ios(name, date, clock):
    lines = [f"[{date(START)}, {clock(START)}] Sam: {LRM}Messages and calls are end-to-end encrypted. No one outside "
             "of this chat, not even WhatsApp, can read or listen to them."]
    for i, (t, who, text) in enumerate(times()):
        lines.append(f"[{date(t)}, {clock(t)}] {who}: {text}")
        if i == 4:
            lines.append(f"{LRM}[{date(t)}, {clock(t)}] {who}: {LRM}image omitted")
        if i == 12:
            lines.append(f"{LRM}[{date(t)}, {clock(t)}] {who}: {LRM}<attached: 00000042-PHOTO-2024-01-20-20-12-04.jpg>")
    write(name, "\n".join(lines) + "\n", newline="\r\n")


android("whatsapp-android-us.txt", lambda t: f"{t.month}/{t.day}/{t.year % 100:02d}", lambda t: clock12(t, False))
android("whatsapp-android-gb.txt", lambda t: t.strftime("%d/%m/%Y"), lambda t: t.strftime("%H:%M"))
android("whatsapp-de.txt", lambda t: t.strftime("%d.%m.%y"), lambda t: t.strftime("%H:%M"))
ios("whatsapp-ios.txt", lambda t: t.strftime("%d/%m/%Y"), lambda t: t.strftime("%H:%M:%S"))
ios("whatsapp-ios-us.txt", lambda t: f"{t.month}/{t.day}/{t.year % 100:02d}", lambda t: clock12(t, True))

messages = [{"id": 1, "type": "service", "date": START.isoformat(), "date_unixtime": "1705262400",
             "actor": "Sam", "actor_id": "user101", "action": "phone_call", "duration_seconds": 42, "text": "",
             "text_entities": []}]
for i, (t, who, text) in enumerate(times()):
    m = {"id": i + 2, "type": "message", "date": t.isoformat(), "date_unixtime": str(int(t.timestamp())),
         "from": who, "from_id": "user101" if who == "Sam" else "user202", "text": text,
         "text_entities": [{"type": "plain", "text": text}]}
    if i == 11:  # "genius" in italics: text becomes a list of pieces
        a, b = text.split("genius")
        m["text"] = [a, {"type": "italic", "text": "genius"}, b]
        m["text_entities"] = [{"type": "plain", "text": a}, {"type": "italic", "text": "genius"}, {"type": "plain", "text": b}]
    messages.append(m)
    if i == 6:
        messages.append({"id": 100 + i, "type": "message", "date": t.isoformat(), "date_unixtime": str(int(t.timestamp())),
                         "from": who, "from_id": "user101", "photo": "photos/photo_1@16-01-2024_20-47-49.jpg",
                         "width": 1280, "height": 960, "text": "", "text_entities": []})
write("telegram.json", json.dumps({"name": "Alex", "type": "personal_chat", "id": 4242, "messages": messages},
                                  ensure_ascii=False, indent=1) + "\n")

rows = ["time,sender,text"]
for t, who, text in times():
    rows.append(f'{t.isoformat(sep=" ")},{who},"' + text.replace('"', '""') + '"')
write("chat.csv", "\n".join(rows) + "\n")
write("chat.jsonl", "".join(json.dumps({"time": t.isoformat(), "sender": who, "text": text}, ensure_ascii=False) + "\n"
                            for t, who, text in times()))
