// rocketmq-go-driver: the official RocketMQ Go client (github.com/apache/rocketmq-client-go/v2),
// driven from the command line by the e2e suite in e2e/go-client-e2e. Every subcommand prints one
// JSON object per line on stdout (see emit.go); the client's own log goes to stderr.
//
//	rocketmq-go-driver produce  -n <ns;ns> -t <topic> -mode sync|async|oneway|batch -count <n> ...
//	rocketmq-go-driver consume  -n <ns;ns> -t <topic> -g <group> [-model broadcasting] [-orderly] ...
//	rocketmq-go-driver admin    -n <ns;ns> -action create|topics|queues|delete ...
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/apache/rocketmq-client-go/v2/rlog"
)

var commands = map[string]func(args []string) error{
	"produce":  runProduce,
	"consume":  runConsume,
	"admin":    runAdmin,
	"transact": runTransact,
}

func main() {
	// The client logs every rebalance and heartbeat at info level; warnings are what a failing
	// scenario needs (ROCKETMQ_GO_LOG_LEVEL=info or debug turns the rest back on).
	if os.Getenv("ROCKETMQ_GO_LOG_LEVEL") == "" {
		rlog.SetLogLevel("warn")
	}
	if len(os.Args) < 2 || commands[os.Args[1]] == nil {
		fmt.Fprintln(os.Stderr, "usage: rocketmq-go-driver produce|consume|admin [flags] (-h for the flags of one)")
		os.Exit(2)
	}
	err := commands[os.Args[1]](os.Args[2:])
	if errors.Is(err, flag.ErrHelp) {
		return // -h: the flag package printed the usage
	}
	if err != nil {
		emit("error", fields{"error": err.Error()})
		fmt.Fprintf(os.Stderr, "rocketmq-go-driver %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

// targetFlags adds the two flags every subcommand takes: -n (name servers) and -t (topic).
func targetFlags(flags *flag.FlagSet, namesrv, topic *string) {
	flags.StringVar(namesrv, "n", "", "name servers, ';'-joined")
	flags.StringVar(topic, "t", "", "topic")
}
