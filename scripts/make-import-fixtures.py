#!/usr/bin/env python3
"""Writes the activity files Gradual's import tests read (tests/fixtures/import/).

FIT files are written with fit_tool (PyPI: `pip install fit-tool==0.9.16`), the way a
watch writes them: file_id, records, a lap, a session (sport, start time, distance,
timer and elapsed time, RPE where given) and an activity message. GPX and TCX are plain
XML as Strava and Garmin export them; the archive mimics a bulk export with a junk
entry and a broken file. Run from the repository root:

    python3 scripts/make-import-fixtures.py

The plan they match is tests/fixtures/import/plan.ron (written here too).
"""

import datetime as dt
import gzip
import io
import math
import os
import zipfile

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport, SubSport

OUT = os.path.join("tests", "fixtures", "import")
UTC = dt.timezone.utc


def ms(t):
    return round(t.timestamp() * 1000)


def fit_bytes(start, sport, sub_sport, km, moving_min, elapsed_min, rpe=None, records=60):
    """A FIT activity: `records` points over the activity, then lap, session, activity."""
    b = FitFileBuilder(auto_define=True, min_string_size=50)
    fid = FileIdMessage()
    fid.type = FileType.ACTIVITY
    fid.manufacturer = Manufacturer.DEVELOPMENT.value
    fid.product = 0
    fid.time_created = ms(start)
    fid.serial_number = 0x12345678
    b.add(fid)
    for k in range(records):
        r = RecordMessage()
        frac = k / max(records - 1, 1)
        r.timestamp = ms(start + dt.timedelta(minutes=elapsed_min * frac))
        r.distance = km * 1000 * frac
        r.heart_rate = 130 + (k % 20)
        r.position_lat = 52.37 + 0.01 * math.sin(frac * 6.28)
        r.position_long = 4.89 + 0.01 * math.cos(frac * 6.28)
        b.add(r)
    end = start + dt.timedelta(minutes=elapsed_min)
    lap = LapMessage()
    lap.timestamp = ms(end)
    lap.start_time = ms(start)
    lap.total_elapsed_time = elapsed_min * 60
    lap.total_timer_time = moving_min * 60
    lap.total_distance = km * 1000
    b.add(lap)
    s = SessionMessage()
    s.timestamp = ms(end)
    s.start_time = ms(start)
    s.sport = sport
    s.sub_sport = sub_sport
    s.total_elapsed_time = elapsed_min * 60
    s.total_timer_time = moving_min * 60
    s.total_distance = km * 1000
    if rpe is not None:
        # The FIT profile: "Common Borg CR10 / 0-10 RPE scale, multiplied 10x" (scale 1).
        s.workout_rpe = rpe * 10
    b.add(s)
    a = ActivityMessage()
    a.timestamp = ms(end)
    a.num_sessions = 1
    a.total_timer_time = moving_min * 60
    b.add(a)
    return b.build().to_bytes()


def gpx_text(start, km, minutes, kind="running", points=40):
    """A GPX track along a straight line north (1 degree of latitude is 111.2 km)."""
    pts = []
    for k in range(points):
        frac = k / (points - 1)
        lat = 52.0 + (km / 111.195) * frac
        t = (start + dt.timedelta(minutes=minutes * frac)).strftime("%Y-%m-%dT%H:%M:%SZ")
        pts.append(f'<trkpt lat="{lat:.7f}" lon="4.9000000"><ele>2.0</ele><time>{t}</time></trkpt>')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1">
 <metadata><time>{start.strftime("%Y-%m-%dT%H:%M:%SZ")}</time></metadata>
 <trk>
  <name>Evening Run</name>
  <type>{kind}</type>
  <trkseg>
   {chr(10).join(pts)}
  </trkseg>
 </trk>
</gpx>
"""


def tcx_text(start, sport, km, moving_min):
    t = start.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
  <Activities>
    <Activity Sport="{sport}">
      <Id>{t}</Id>
      <Lap StartTime="{t}">
        <TotalTimeSeconds>{moving_min * 60 * 0.6:.1f}</TotalTimeSeconds>
        <DistanceMeters>{km * 1000 * 0.6:.1f}</DistanceMeters>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
      </Lap>
      <Lap StartTime="{t}">
        <TotalTimeSeconds>{moving_min * 60 * 0.4:.1f}</TotalTimeSeconds>
        <DistanceMeters>{km * 1000 * 0.4:.1f}</DistanceMeters>
        <Intensity>Active</Intensity>
        <TriggerMethod>Manual</TriggerMethod>
      </Lap>
    </Activity>
  </Activities>
</TrainingCenterDatabase>
"""


PLAN = """(
    format: 1,
    name: "Import test",
    athlete: (
        name: "Robin",
        level: Experienced,
        baseline: Some((weekly_km: 30.0, long_run_km: 12.0)),
    ),
    sessions: [
        (date: "2026-03-02", activity: Run(kind: Easy, km: 8.0, rpe: 3)),
        (date: "2026-03-03", activity: Cross(kind: Cycling, minutes: 45, rpe: 5)),
        (date: "2026-03-04", activity: Run(kind: Tempo, km: 8.0, rpe: 7)),
        (date: "2026-03-05", activity: Run(kind: Easy, km: 6.0, rpe: 3)),
        (date: "2026-03-05", activity: Run(kind: Recovery, km: 4.0, rpe: 2)),
        (date: "2026-03-07", activity: Run(kind: Easy, km: 6.0, rpe: 3)),
        (date: "2026-03-08", activity: Run(kind: Long, km: 14.0, rpe: 4)),
    ],
)
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    noon = lambda d: dt.datetime(2026, 3, d, 12, 0, tzinfo=UTC)
    files = {
        # Monday's easy run, with an RPE of 4 recorded on the watch.
        "2026-03-02-easy.fit": fit_bytes(noon(2), Sport.RUNNING, SubSport.GENERIC, 8.2, 47, 49, rpe=4),
        # Tuesday's ride.
        "2026-03-03-ride.fit": fit_bytes(noon(3), Sport.CYCLING, SubSport.ROAD, 22.5, 50, 52),
        # Wednesday's tempo, as GPX (no RPE in GPX), 9 km in 44 minutes.
        "2026-03-04-tempo.gpx": gpx_text(noon(4), 9.0, 44).encode(),
        # Thursday: two planned runs, one activity: the import asks which.
        "2026-03-05-run.tcx": tcx_text(noon(5), "Running", 5.0, 30).encode(),
        # Friday: nothing planned, a run happened anyway.
        "2026-03-06-extra.gpx.gz": gzip.compress(gpx_text(noon(6), 5.0, 31).encode(), mtime=0),
        # A watch file cut short by a full disk.
        "truncated.fit": fit_bytes(noon(7), Sport.RUNNING, SubSport.GENERIC, 6.0, 36, 37)[:300],
        # XML that never closes.
        "broken.tcx": tcx_text(noon(7), "Running", 6.0, 36).encode()[:500],
    }
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    # A bulk export: Sunday's long run and Saturday's run inside, next to junk.
    buf = io.BytesIO()

    def entry(name):
        # Fixed times, so the archive's bytes do not change from run to run.
        info = zipfile.ZipInfo(name, date_time=(2026, 3, 9, 12, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(entry("export/activities/2026-03-07-easy.fit"),
                   fit_bytes(noon(7), Sport.RUNNING, SubSport.TREADMILL, 6.1, 37, 38))
        z.writestr(entry("export/activities/2026-03-08-long.gpx.gz"),
                   gzip.compress(gpx_text(noon(8), 15.0, 92).encode(), mtime=0))
        z.writestr(entry("export/activities.csv"), "Activity ID,Activity Date\n1,2026-03-07\n")
        z.writestr(entry("export/activities/bad.fit"), b"not a fit file at all")
        # The same Monday run again: an export holds what was imported before.
        z.writestr(entry("export/activities/2026-03-02-easy.fit"), files["2026-03-02-easy.fit"])
    with open(os.path.join(OUT, "export.zip"), "wb") as f:
        f.write(buf.getvalue())
    with open(os.path.join(OUT, "plan.ron"), "w") as f:
        f.write(PLAN)
    # A realistic hour at 1 Hz for the speed benchmark (benches/import.rs).
    bench = os.path.join("tests", "fixtures", "import-bench")
    os.makedirs(bench, exist_ok=True)
    with open(os.path.join(bench, "hour-run.fit"), "wb") as f:
        f.write(fit_bytes(noon(9), Sport.RUNNING, SubSport.GENERIC, 11.0, 60, 61, records=3600))


if __name__ == "__main__":
    main()
