#!/usr/bin/env python3
"""Writes a plan-with-photo bundle (.smpb, docs/plan-format.md "Bundles") the
way the page's "Save plan with photo" does: the plan's photo.path becomes the
photo's bare name.  mkbundle.py PLAN PHOTO OUT.smpb"""
import json
import sys

plan_path, photo_path, out = sys.argv[1:4]
plan = json.load(open(plan_path, encoding="utf-8"))
name = photo_path.rsplit("/", 1)[-1]
plan["photo"]["path"] = name
text = (json.dumps(plan, indent=2) + "\n").encode()
photo = open(photo_path, "rb").read()
with open(out, "wb") as f:
    f.write(b"SMPVIEW-BUNDLE 1\nplan %d\n" % len(text) + text)
    f.write(b"\nphoto %s %d\n" % (name.encode(), len(photo)) + photo + b"\n")
