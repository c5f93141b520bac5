#!/usr/bin/env bash
# The pool benchmark: the starter's pool against Spring Boot's defaults, the seeds'
# settings, a sweep of pool sizes (the oracle) and pgbench on the same SQL (the server's
# limit), plus the JMH hot path and the sample application's start-up time. It runs in
# rounds (--repeats=3): each round runs every configuration at every client count once,
# in alternating order, and the results give each figure's median and range over the
# rounds and a verdict on each target that the range supports (met, not met, inconclusive).
#
#   bash bench/run.sh            full run, about 55 minutes: run it on a quiet machine
#   bash bench/run.sh --quick    short run, about 5 minutes, at most 32 pool connections
#
# Writes bench/results/<date>.md and <date>.png (<date>-quick.* with --quick). Other
# options go to the benchmark (dev.poolstarter.bench.BenchOptions), for example
# --repeats=5, --hold-ms=2, --clients=8,32, --sizes=1,2,4,8, --duration=10, --rows=10000,
# --configs=starter,starter-adaptive,boot,seed20,seed100,sweep (the default; --quick runs
# starter,boot,sweep at 8 and 128 clients), --adaptive-warmup=60,
# --starter-property=pool.postgres.spindles=4, --name=<file name instead of the date>;
# and --skip-jmh, --skip-startup, --jmh-rounds=N (default 3, 1 with --quick) here.
#
# Scenario mode (dev.poolstarter.bench.ScenarioOptions), instead of the above:
#
#   bash bench/run.sh --scenario=shifting,fleet           about 110 minutes, quiet machine
#   bash bench/run.sh --scenario=shifting,fleet --quick   about 12 minutes (smoke run)
#   bash bench/run.sh --scenario=probes --skip-jmh        about 13 minutes
#
# shifting: the starter's adaptive pool (max-connections=auto) and static sizes (--sizes,
# default 4,8,16,32,64) through phases that change the clients and the hold (--phases=
# 32x1,128x0,8x1,64x5,idle,128x0, --phase-seconds=25) in each regime (--regimes=
# server-bound,wait-bound; --wait-bound-hold-ms=20; --static-pools=starter for static sizes
# built by the starter with fixed sizing); fleet: --fleet-instances=4 starter
# pools starting --fleet-stagger=10 s apart for --fleet-duration=90 s, --fleet-clients=16
# each, --fleet-budget=0.2 (pool.postgres.budget); probes (not in the default): whether a
# probe down reads what the smaller static size reads, four starter pools per round
# (--probe=64:45, --probe-load=128x0, --probe-pairs=10 of --probe-seconds=3). --quick: 20 s
# phases, sizes 4,16,32, 1 round, server-bound only, 3 instances for 50 s, 4 probe pairs.
# Writes <date>-<scenarios>[-quick].md and .png; JMH runs first (--skip-jmh), the start-up
# and pgbench do not.
#
# The server: BENCH_DATABASE_URL (a jdbc:postgresql: URL, default
# jdbc:postgresql://127.0.0.1:5432/postgres), BENCH_DATABASE_USER (postgres) and
# BENCH_DATABASE_PASSWORD. The run creates, and drops at the end, only the table
# bench_accounts. pgbench comes with PostgreSQL's client tools (Debian: apt-get install
# postgresql-client); without it that step is reported as not run.
set -euo pipefail

cd "$(dirname "$0")/.."

quick=false
scenario=false
skip_jmh=false
skip_startup=false
jmh_rounds=""
bench_args=()
for arg in "$@"; do
	case "$arg" in
		--quick) quick=true; bench_args+=("--quick") ;;
		--scenario=*) scenario=true; bench_args+=("$arg") ;;
		--skip-jmh) skip_jmh=true ;;
		--skip-startup) skip_startup=true ;;
		--jmh-rounds=*) jmh_rounds="${arg#--jmh-rounds=}" ;;
		-h|--help) sed -n '2,40p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
		--*) bench_args+=("$arg") ;;
		*) echo "Unknown argument '$arg' (try --help)" >&2; exit 2 ;;
	esac
done

date="$(date +%F)"
mkdir -p bench/target bench/results
suffix=""
[[ "$scenario" == true ]] && suffix="-scenarios"
log="bench/target/run-${date}${suffix}.log"
exec > >(tee "$log") 2>&1

child=""
run_dir=""
cleanup() {
	local status=$?
	if [[ -n "$child" ]] && kill -0 "$child" 2>/dev/null; then
		# the benchmark's shutdown hook closes its pool and drops its table
		kill -TERM "$child" 2>/dev/null || true
		wait "$child" 2>/dev/null || true
	fi
	if [[ $status -ne 0 ]] && command -v psql >/dev/null; then
		drop_table || true
	fi
	[[ -n "$run_dir" ]] && rm -rf "$run_dir"
	exit $status
}
trap cleanup EXIT
trap 'echo "bench/run.sh: failed at line $LINENO" >&2' ERR
trap 'exit 130' INT TERM

drop_table() {
	local url="${BENCH_DATABASE_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}"
	url="${url#jdbc:}"
	PGPASSWORD="${BENCH_DATABASE_PASSWORD:-}" psql -q -X "${url%%\?*}" -U "${BENCH_DATABASE_USER:-postgres}" \
		-c "DROP TABLE IF EXISTS bench_accounts" >/dev/null 2>&1
}

# Runs a java command in the background so that the trap can stop it.
run_java() {
	java -Djava.awt.headless=true "$@" &
	child=$!
	local status=0
	wait "$child" || status=$?
	child=""
	return $status
}

echo "== Building the benchmark"
./mvnw -q -pl bench -DskipTests package

# Run from a private copy of the class path: a build of the other modules during the run
# (they share this server and this work tree) must not rewrite a jar the JVMs read.
run_dir="$(mktemp -d "${TMPDIR:-/tmp}/pool-starter-bench.XXXXXX")"
cp -r bench/target/classes "$run_dir/classes"
classpath="$run_dir/classes"
i=0
IFS=: read -r -a jars < bench/target/classpath.txt || true  # the file has no final newline
for jar in "${jars[@]}"; do
	i=$((i + 1))
	cp -r "$jar" "$run_dir/$i-$(basename "$jar")"
	classpath="$classpath:$run_dir/$i-$(basename "$jar")"
done

pgbench_bin="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)"
if [[ "$scenario" == true ]]; then
	:  # the scenarios do not run pgbench
elif [[ -z "$pgbench_bin" ]]; then
	echo "pgbench not found: the server's limit is not measured (Debian: apt-get install postgresql-client)"
	bench_args+=("--pgbench=none")
else
	bench_args+=("--pgbench=$pgbench_bin")
fi

jmh_csv="bench/target/jmh.csv"
rm -f "$jmh_csv"
if [[ "$skip_jmh" == false ]]; then
	echo "== JMH: getConnection/close, bare HikariDataSource (with and without leak detection and Boot's metrics tracker) against the starter's DataSource"
	# every source in every round, in reverse order every other round, so that the machine's
	# drift over the run falls on both sides of each comparison; an overhead is taken within
	# a round and judged on its range over the rounds
	jmh_sources=(bare bare-leak bare-metrics starter starter-all)
	if [[ "$quick" == true && "$scenario" == true ]]; then
		# both thread counts, few iterations: a smoke run of the pipeline
		jmh_benchmarks="HotPathBenchmark"
		jmh_options=(-f 1 -wi 2 -w 1s -i 4 -r 1s)
		jmh_rounds="${jmh_rounds:-1}"
	elif [[ "$quick" == true ]]; then
		# one thread only: the error bars of a short run decide the verdict, not the thread count
		jmh_benchmarks="HotPathBenchmark.borrowOneThread"
		jmh_options=(-f 1 -wi 2 -w 1s -i 5 -r 1s)
		jmh_rounds="${jmh_rounds:-1}"
	else
		# ten seconds of warm-up: the starter's periodic tasks (the sweep, the monitor, the
		# sizing controller) are still being compiled in the first seconds of a fork
		jmh_benchmarks="HotPathBenchmark"
		jmh_options=(-f 1 -wi 5 -w 2s -i 8 -r 1s)
		jmh_rounds="${jmh_rounds:-3}"
	fi
	for ((round = 1; round <= jmh_rounds; round++)); do
		if ((round % 2 == 1)); then
			order=("${jmh_sources[@]}")
		else
			order=()
			for ((i = ${#jmh_sources[@]} - 1; i >= 0; i--)); do
				order+=("${jmh_sources[i]}")
			done
		fi
		sources="$(IFS=,; echo "${order[*]}")"
		echo "-- JMH round $round of $jmh_rounds: $sources"
		round_csv="bench/target/jmh-round-$round.csv"
		rm -f "$round_csv"
		if run_java -cp "$classpath" org.openjdk.jmh.Main "$jmh_benchmarks" "${jmh_options[@]}" -p "source=$sources" \
			-rf csv -rff "$round_csv"; then
			cat "$round_csv" >> "$jmh_csv"
		else
			echo "JMH failed in round $round: the hot path is reported from the other rounds"
		fi
	done
fi

if [[ "$scenario" == true ]]; then
	echo "== Scenarios and results"
	run_java -cp "$classpath" dev.poolstarter.bench.ScenarioMain --jmh-csv="$jmh_csv" --date="$date" \
		--results=bench/results --command="bash bench/run.sh${*:+ $*}" "${bench_args[@]}"
	exit 0
fi

if [[ "$skip_startup" == true ]]; then
	bench_args+=("--sample-skip=skipped (--skip-startup)")
else
	echo "== Building the sample application"
	if sample_build="$(./mvnw -q -pl sample-app -DskipTests package 2>&1)"; then
		sample_jar="$(ls sample-app/target/sample-app-*.jar 2>/dev/null | grep -v -e '-plain' -e '\.original' | head -1 || true)"
		bench_args+=("--sample-jar=$sample_jar")
	else
		echo "$sample_build" | tail -20
		reason="$(echo "$sample_build" | grep -m1 -E 'ERROR' | cut -c1-200 || true)"
		bench_args+=("--sample-skip=the sample application did not build: ${reason:-see the log of the run}")
	fi
fi

echo "== Workload, pgbench, start-up and results"
run_java -cp "$classpath" dev.poolstarter.bench.BenchMain --jmh-csv="$jmh_csv" --date="$date" \
	--results=bench/results --pgbench-script=bench/sql/transaction.sql --command="bash bench/run.sh${*:+ $*}" \
	"${bench_args[@]}"

