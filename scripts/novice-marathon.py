#!/usr/bin/env python3
"""Writes plans/novice-marathon.ron (then load and save it once, e.g. with `gradual calf`, to get the canonical form): an 18-week novice marathon plan in the shape of the
widely used novice plans (three short runs midweek, a long run on Saturday growing 1-2
miles a week with a step back every third week, easy cross-training on Sunday, a
three-week taper). Gradual's own numbers, not a copy of any published plan.

Run from the repository root: python3 scripts/novice-marathon.py; then schedule the calf
program with `gradual calf plans/novice-marathon.ron`."""
import datetime as dt

START = dt.date(2027, 1, 4)  # a Monday
# (Tue, Wed, Thu, Sat long) in km, week by week; week 18 ends with the race on Sunday.
WEEKS = [
    (5, 5, 5, 10), (5, 5, 5, 11), (5, 6.5, 5, 8),
    (5, 6.5, 5, 12), (5, 8, 5, 13), (5, 8, 5, 10),
    (5, 9.5, 5, 14.5), (5, 9.5, 5, 16), (5, 9.5, 5, 12),
    (5, 11, 5, 17.5), (6.5, 11, 6.5, 19), (6.5, 12.5, 6.5, 14.5),
    (6.5, 12.5, 6.5, 21), (8, 13, 8, 23), (8, 13, 8, 17.5),
    (8, 13, 8, 25), (6.5, 9.5, 6.5, 16), (5, 6.5, 3, None),
]
PACE = 7.0  # min/km, an easy novice pace


def run(date, kind, km, rpe):
    minutes = round(km * PACE * (1.0 if kind != "Race" else 0.93))
    return f'(date: "{date}", activity: Run(kind: {kind}, km: {km:.1f}, minutes: {minutes}, rpe: {rpe})),'


lines = []
for w, (tue, wed, thu, sat) in enumerate(WEEKS):
    mon = START + dt.timedelta(days=7 * w)
    d = lambda k: (mon + dt.timedelta(days=k)).isoformat()
    lines.append(run(d(1), "Easy", tue, 3))
    lines.append(run(d(2), "Easy", wed, 4))
    lines.append(run(d(3), "Easy", thu, 3))
    if sat is not None:
        lines.append(run(d(5), "Long", sat, 4))
        lines.append(f'(date: "{d(6)}", activity: Cross(kind: Cycling, minutes: {30 if w < 6 else 45}, rpe: 3)),')
    else:
        lines.append(run(d(6), "Race", 42.2, 8))
race_day = START + dt.timedelta(days=7 * 17 + 6)
blocks = [("Base", 0, 6, "Base"), ("Build", 6, 6, "Build"), ("Peak", 12, 3, "Peak"), ("Taper", 15, 3, "Taper")]
out = f'''(
    format: 1,
    name: "First marathon",
    athlete: (
        name: "Dana",
        level: Novice,
        body_mass_kg: Some(64.0),
        calf_raise_tests: [(date: "2026-12-28", left: 17, right: 18)],
        baseline: Some((weekly_km: 25.0, long_run_km: 10.0)),
        easy_pace: "7:00",
    ),
    race: Some((name: "Spring Marathon", date: "{race_day}", km: 42.2)),
    blocks: [
''' + "".join(f'        (name: "{n}", start: "{START + dt.timedelta(days=7 * s)}", weeks: {k}, phase: {p}),\n' for n, s, k, p in blocks) + '''    ],
    sessions: [
''' + "".join(f"        {l}\n" for l in lines) + '''    ],
)
'''
open("plans/novice-marathon.ron", "w").write(out)
print("wrote plans/novice-marathon.ron")
