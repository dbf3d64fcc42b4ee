#!/usr/bin/env bash
# Mutation testing of the files that hold the project's promises, with Stryker.NET (a local dotnet tool).
# Each file is mutated in a run of its own that runs only the test classes that pin it, and within those only
# the tests that cover each mutant (coverage analysis per test). Not part of CI: on 2 cores the whole list
# takes a long time. Usage:
#   tests/mutation/run.sh                 # every file below
#   tests/mutation/run.sh change-detector # one entry, by name
# Writes each run's JSON report under tests/mutation/out/<name>/ and prints its score; the table of the last
# runs is kept in docs/quality/mutation.md by hand, with the survivors and why they live.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet tool restore >/dev/null

# name | file to mutate (a span in braces, "{from..to}" in characters from the file's start, would limit it) |
# test classes that pin it. Tests that start the application as
# another process (StartupErrorTests) cannot see a mutant, which lives in the test host.
targets=(
  "policies|**/Web/Policies.cs|AuthorizationMatrixTests"
  "token-issuer|**/Accounts/TokenIssuer.cs|TokenIssuerTests|TokenAttackTests|TokenLifetimeTests|TrustTests|AuthFlowTests|RefreshRaceTests"
  "change-detector|**/Events/PublicChangeDetector.cs|ChangeDetectorTests|PublicEvictionTests|PublicNameChangeTests|LateWriterTests"
  "public-cache|**/Events/PublicCache.cs|PublicCacheTests|PublicCachePolicyTests|PublicCacheDisabledTests|LateWriterTests|PublicEvictionTests|CacheKeyTests|ETagBufferTests"
  "user-status|**/Accounts/UserStatusCache.cs|UserStatusCacheTests|UserStatusCacheRuleTests|ModeratorPrivacyTests|PublicNameChangeTests"
  "outbox|**/Notifications/OutboxSender.cs|OutboxRuleTests|OutboxSenderRuleTests|OutboxClaimTests|EmailDeliveryTests"
  "decisions|**/Moderation/ModerationDecisions.cs|ModerationDecisionRulesTests|ModerationTests|ModerationToolsTests"
  "orientation|**/Media/ImageOrientation.cs|ImageProcessorTests"
  "settings|**/Web/StartupFailure.cs|StartupFailureTests|SettingsTests"
)

only="${1:-}"
for target in "${targets[@]}"; do
  IFS='|' read -r name file classes <<<"$target"
  classes="${target#*|*|}"
  [ -n "$only" ] && [ "$only" != "$name" ] && continue
  filter=$(tr '|' '\n' <<<"$classes" | sed 's/^/FullyQualifiedName~/' | paste -sd '|')
  out="tests/mutation/out/$name"
  rm -rf "$out"; mkdir -p "$out"
  cat >"$out/stryker-config.json" <<JSON
{ "stryker-config": {
    "project": "CulturaLite.Api.csproj",
    "mutate": ["$file"],
    "coverage-analysis": "perTest",
    "test-case-filter": "$filter",
    "reporters": ["json", "cleartext"],
    "concurrency": 1
} }
JSON
  echo "== $name: $file (tests: $classes)"
  (cd tests/CulturaLite.Api.Tests && dotnet stryker --config-file "../../$out/stryker-config.json" --output "../../$out" >"../../$out/log.txt" 2>&1) || true
  report=$(find "$out" -name 'mutation-report.json' | head -n 1)
  if [ -z "$report" ]; then echo "   no report: see $out/log.txt"; continue; fi
  python3 - "$report" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
for path, f in data["files"].items():
    counts = {}
    for m in f["mutants"]:
        counts[m["status"]] = counts.get(m["status"], 0) + 1
    killed = counts.get("Killed", 0) + counts.get("Timeout", 0)
    valid = killed + counts.get("Survived", 0) + counts.get("NoCoverage", 0)
    if valid == 0:
        continue
    print(f"   {path.split('/src/')[-1]}: {100 * killed / valid:.1f}% ({killed} of {valid} killed; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) + ")")
    for m in f["mutants"]:
        if m["status"] in ("Survived", "NoCoverage"):
            print(f"     {m['status']} line {m['location']['start']['line']}: {m['mutatorName']}: {m.get('replacement', '')[:90]}")
PY
done
