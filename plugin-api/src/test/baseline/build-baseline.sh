#!/bin/sh
# Rebuilds bkmonitorbeat-plugin-api-1.0.0.jar, the baseline of the binary-compatibility check
# (japicmp in plugin-api/pom.xml), from the git commit where the plugin API was 1.0.0.
# API 1.0.0 was never published to a Maven repository, so the jar is kept here; run this script
# from the repository to regenerate it (a fixed jar date, so the same JDK gives the same bytes).
#   plugin-api/src/test/baseline/build-baseline.sh [output.jar]
set -eu
COMMIT=b8b61f5   # "Plugin API tests: ...", the last commit before the 1.1 additions (eba89a1)
REPO=$(git rev-parse --show-toplevel)
OUT=${1:-$REPO/plugin-api/src/test/baseline/bkmonitorbeat-plugin-api-1.0.0.jar}
PF4J=${PF4J_JAR:-$HOME/.m2/repository/org/pf4j/pf4j/3.15.0/pf4j-3.15.0.jar}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
git -C "$REPO" archive "$COMMIT" plugin-api | tar -x -C "$WORK"
SRC=$WORK/plugin-api/src/main
mkdir -p "$WORK/classes/io/bkmonitorbeat/api"
javac --release 17 -nowarn -cp "$PF4J" -d "$WORK/classes" $(find "$SRC/java" -name '*.java')
# the resource is Maven-filtered in the real build
sed 's/\${project.version}/1.0.0/' "$SRC/resources/io/bkmonitorbeat/api/api-version.properties" \
  > "$WORK/classes/io/bkmonitorbeat/api/api-version.properties"
(cd "$WORK/classes" && jar --create --file "$OUT" --date=2025-01-01T00:00:00Z .)
echo "wrote $OUT from $COMMIT"
