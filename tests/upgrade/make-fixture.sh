#!/usr/bin/env bash
# Writes the upgrade fixture of one schema version (issue 15): the 2024 demo, then over HTTP a
# sitting, an anonymous vote and a proposal, written by the plenum binary given, i.e. by the
# build of that schema version, and beside it what that build answered to a list of reads
# (<output without .db.xz>.answers.json: user, route, status and body of each), which the upgrade
# test asks the upgraded database again. Run it with the last build of each schema version
# before the version changes, and commit both files:
#
#   ./tests/upgrade/make-fixture.sh build/release/plenum tests/upgrade/schema-8.db.xz
set -euo pipefail
plenum="$(realpath "$1")"
out="$(realpath -m "$2")"
cd "$(dirname "$0")/../.."
work="$(mktemp -d)"
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/plenum.db"

"$plenum" --db "$db" --rulebooks rulebooks demo
"$plenum" --db "$db" --rulebooks rulebooks serve --port 0 --quiet >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
  grep -q "serving on" "$work/serve.log" && break
  sleep 0.1
done
B=$(sed -n 's|.*serving on \(http://[^/]*\)/.*|\1|p' "$work/serve.log")
test -n "$B" || { cat "$work/serve.log"; exit 1; }

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
login() {
  curl -sf -c "$work/$1.jar" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"plenum-2024\"}" "$B/api/v1/auth/login" | json '["csrf_token"]' >"$work/$1.csrf"
}
# act USER JSON [PYTHON-INDEX]: posts the action as USER, fails on an error, prints the index of the result.
act() {
  local reply
  reply=$(curl -s -b "$work/$1.jar" -H 'Content-Type: application/json' -H "X-CSRF-Token: $(cat "$work/$1.csrf")" \
    -d "$2" "$B/api/v1/actions")
  echo "$reply" | grep -q '"error"' && { echo "$1: $2 -> $reply" >&2; exit 1; }
  if [ -n "${3:-}" ]; then echo "$reply" | json "$3"; fi
}

for user in npc-secretariat npc-presiding npc-0001 npc-0002 npc-0003 cppcc-0001; do login "$user"; done

# The NPC's 2nd plenary sitting, a quorum of 2,000 deputies checked in and an anonymous vote on a
# resolution.
sitting=$(act npc-secretariat '{"action":"assembly.schedule_sitting","args":{"session_id":1,"kind":"plenary",
  "number":2,"title_zh":"第二次全体会议","title_en":"2nd plenary sitting","starts_at":"2024-03-08T09:00+08:00"}}' \
  '["result"]["sitting_id"]')
act npc-presiding "{\"action\":\"assembly.open_sitting\",\"args\":{\"sitting_id\":$sitting}}"
members=$(curl -sf -b "$work/npc-secretariat.jar" "$B/api/v1/bodies/npc/members" |
  python3 -c 'import json,sys; print(json.dumps([m["id"] for m in json.load(sys.stdin)[:2000]]))')
act npc-secretariat "{\"action\":\"attendance.check_in_bulk\",\"args\":{\"sitting_id\":$sitting,\"member_ids\":$members}}"
motion=$(act npc-presiding '{"action":"motions.submit","args":{"session_id":1,"kind":"draft_resolution",
  "organ":"presidium","title_zh":"关于升级测试的决议（草案）"}}' '["result"]["motion_id"]')
act npc-presiding "{\"action\":\"motions.place_on_agenda\",\"args\":{\"motion_id\":$motion}}"
poll=$(act npc-presiding "{\"action\":\"voting.open\",\"args\":{\"motion_id\":$motion,\"sitting_id\":$sitting}}" \
  '["result"]["poll_id"]')
choices=(for for against)
for i in 1 2 3; do
  act "npc-000$i" "{\"action\":\"voting.cast\",\"args\":{\"poll_id\":$poll,\"choice\":\"${choices[$((i - 1))]}\",
    \"ballot_key\":\"$(openssl rand -hex 32)\"},\"request_id\":\"fixture-cast-$i\"}"
done
act npc-presiding "{\"action\":\"voting.close\",\"args\":{\"poll_id\":$poll}}"
act npc-presiding "{\"action\":\"assembly.close_sitting\",\"args\":{\"sitting_id\":$sitting}}"

# A CPPCC member's proposal in the 2024 session.
session=$(curl -sf "$B/api/v1/bodies/cppcc/sessions" |
  python3 -c 'import json,sys; print([s["id"] for s in json.load(sys.stdin) if s["number"] == 2][0])')
me=$(curl -sf -b "$work/cppcc-0001.jar" "$B/api/v1/auth/me" | json '["member_id"]')
act cppcc-0001 "{\"action\":\"proposals.submit\",\"args\":{\"session_id\":$session,\"title\":\"关于升级时保全会议记录的提案\",
  \"area\":\"politics\",\"parts\":{\"facts\":\"升级须保全每一条记录。\",\"analysis\":\"日志是记录本身，各表是它的投影。\",
  \"suggestions\":\"以日志重放完成升级，逐表核对。\"},\"member_ids\":[$me]},
  \"request_id\":\"fixture-proposal\"}"

# What this build answers, for the upgrade test to ask again: the record of the session, the
# vote, the proposal, the statistics and the tail of each chain, as the public and as staff.
npc_events=$(sqlite3 "$db" "SELECT MAX(seq) FROM events WHERE body = 'npc'")
cppcc_events=$(sqlite3 "$db" "SELECT MAX(seq) FROM events WHERE body = 'cppcc'")
proposal=$(sqlite3 "$db" "SELECT MAX(id) FROM proposals")
# A read whose answer depends on the day it is asked names its day (proposal statistics are as of
# today by default): the test asks on another day. schema-7's answers were recorded without it;
# their route names the day they were recorded, 2026-12-05.
reads=(
  "- /api/v1/bodies" "- /api/v1/bodies/npc" "- /api/v1/bodies/cppcc"
  "- /api/v1/bodies/npc/sessions" "- /api/v1/bodies/cppcc/sessions"
  "- /api/v1/sessions/1/sittings" "- /api/v1/sessions/$session/sittings"
  "- /api/v1/sittings/1" "- /api/v1/sittings/2" "- /api/v1/sittings/3" "- /api/v1/sittings/4"
  "- /api/v1/sittings/$sitting" "- /api/v1/sittings/$sitting/polls" "- /api/v1/polls/$poll"
  "- /api/v1/polls/$poll/box" "- /api/v1/motions/$motion" "- /api/v1/sessions/1/motions"
  "- /api/v1/sessions/1/agenda" "- /api/v1/sessions/$session/agenda" "- /api/v1/bodies/npc/promulgations"
  "npc-secretariat /api/v1/sittings/$sitting/check-ins" "npc-secretariat /api/v1/sittings/1/leaves"
  "npc-secretariat /api/v1/members/1/attendance"
  "npc-secretariat /api/v1/bodies/npc/events?since=$((npc_events - 10))"
  "npc-0001 /api/v1/auth/me" "cppcc-0001 /api/v1/auth/me"
  "cppcc-0001 /api/v1/proposals/$proposal" "cppcc-0001 /api/v1/bodies/cppcc/events?since=$((cppcc_events - 5))"
  "- /api/v1/bodies/cppcc/proposal-statistics?as_of=2024-02-29" "- /api/v1/bodies/cppcc/handling-units"
)
answers="${out%.db.xz}.answers.json"
for read in "${reads[@]}"; do
  user=${read%% *} route=${read#* }
  jar=()
  [ "$user" = - ] || jar=(-b "$work/$user.jar")
  status=$(curl -s "${jar[@]}" -o "$work/answer" -w '%{http_code}' "$B$route")
  python3 -c 'import json,sys; print(json.dumps({"user": sys.argv[1], "route": sys.argv[2], "status": int(sys.argv[3]),
    "body": json.load(open(sys.argv[4]))}, ensure_ascii=False))' "$user" "$route" "$status" "$work/answer"
done | python3 -c 'import json,sys; json.dump([json.loads(l) for l in sys.stdin], open(sys.argv[1], "w"),
  ensure_ascii=False, indent=1); print()' "$answers"

kill -TERM "$server"
wait "$server" || true
server=
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;" >/dev/null
xz -9e -T1 -c "$db" >"$out"
echo "answers: $answers ($(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$answers") reads)"
echo "fixture: $out ($(stat -c %s "$out") bytes, schema $(sqlite3 "$db" 'PRAGMA user_version'))"
