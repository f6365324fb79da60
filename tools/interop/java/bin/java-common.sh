# Shared JVM settings for the interop launchers (sourced, not executed).
# Small heaps and a quick-starting JIT: the CI machine has 2 cores shared with other work.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$here/target/interop.classpath"
if [[ ! -s "$classpath_file" ]]; then
  echo "$(basename "$0"): $classpath_file missing; run tools/interop/java/setup.sh first" >&2
  exit 1
fi
JAVA_OPTS_COMMON=(
  -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k
  -Djava.net.preferIPv4Stack=true
  -Dlogback.statusListenerClass=org.apache.rocketmq.logging.ch.qos.logback.core.status.NopStatusListener
  --add-opens java.base/java.nio=ALL-UNNAMED
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED
  --add-exports java.base/sun.nio.ch=ALL-UNNAMED
)
