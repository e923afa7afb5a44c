# Sourced by the bench scripts: the JDK the launcher would use (./autobench java-home, which finds a
# JDK 21+ the same way it does for every command), exported as JAVA_HOME, and the java binary in
# JAVA. MAVEN_OPTS gets the switch that JDK 24+ needs for Maven's own libraries, and only then: a
# JDK 21 does not know it.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAVA_HOME="$("$ROOT/autobench" java-home)" || exit 1
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
if (( $("$ROOT/autobench" java-major "$JAVA") >= 24 )); then
  case " ${MAVEN_OPTS:-} " in
    *" --sun-misc-unsafe-memory-access=allow "*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
