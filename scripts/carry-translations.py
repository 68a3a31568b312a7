#!/usr/bin/env python3
"""Carries translations across a code move, after `cmake --build build --target update_translations`.

When a string moves to another class (another translation context), lupdate adds it to the new context
as unfinished and marks the old entry vanished. This fills every unfinished message from a finished or
vanished message with the same source text, comment and plural kind (any context), then drops the
vanished and obsolete entries. Usage: python3 scripts/carry-translations.py translations/*.ts
"""
import sys
import xml.etree.ElementTree as ET


def key(message):
    source = message.findtext("source") or ""
    comment = message.findtext("comment") or ""
    return (source, comment, message.get("numerus") == "yes")


def carry(path):
    tree = ET.parse(path)
    root = tree.getroot()
    known = {}
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished":
            continue
        if not (translation.text or "").strip() and not list(translation):
            continue
        known.setdefault(key(message), translation)
    carried = 0
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") != "unfinished":
            continue
        source = known.get(key(message))
        if source is None:
            continue
        message.remove(translation)
        copy = ET.fromstring(ET.tostring(source))
        copy.attrib.pop("type", None)
        message.append(copy)
        carried += 1
    dropped = 0
    for context in list(root.iter("context")):
        for message in list(context.findall("message")):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                context.remove(message)
                dropped += 1
        if not context.findall("message"):
            root.remove(context)
    ET.indent(tree, space="    ")
    with open(path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    unfinished = sum(1 for t in root.iter("translation") if t.get("type") == "unfinished")
    print(f"{path}: carried {carried}, dropped {dropped} vanished, {unfinished} unfinished left")


for p in sys.argv[1:]:
    carry(p)
