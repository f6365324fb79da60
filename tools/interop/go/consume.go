package main

import (
	"context"
	"errors"
	"flag"
	"os"
	"os/signal"
	"sort"
	"sync"
	"syscall"

	"github.com/apache/rocketmq-client-go/v2"
	"github.com/apache/rocketmq-client-go/v2/consumer"
	"github.com/apache/rocketmq-client-go/v2/primitive"
)

type consumeOptions struct {
	namesrv    string
	topic      string
	group      string
	model      string
	orderly    bool
	selector   string
	retryTimes int
}

// runConsume runs a push consumer until SIGTERM or SIGINT: "ready" once started, "allocated"
// whenever its share of a topic's queues changes, "received" for every message handed to it,
// "stopped" after Shutdown (which commits the offsets).
func runConsume(args []string) error {
	var o consumeOptions
	flags := flag.NewFlagSet("consume", flag.ContinueOnError)
	targetFlags(flags, &o.namesrv, &o.topic)
	flags.StringVar(&o.group, "g", "", "consumer group")
	flags.StringVar(&o.model, "model", "clustering", "clustering | broadcasting")
	flags.BoolVar(&o.orderly, "orderly", false, "consume orderly (queue locks, one message at a time per queue)")
	flags.StringVar(&o.selector, "selector", "*", "tag expression, e.g. TagA||TagB")
	flags.IntVar(&o.retryTimes, "retry-times", 0, "answer ConsumeRetryLater while a message's reconsumeTimes is below this")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if o.namesrv == "" || o.topic == "" || o.group == "" {
		return errors.New("-n, -t and -g are required")
	}
	model := consumer.Clustering
	if o.model == "broadcasting" {
		model = consumer.BroadCasting
	}

	client, err := rocketmq.NewPushConsumer(
		consumer.WithNameServer(nameServers(o.namesrv)),
		consumer.WithGroupName(o.group),
		consumer.WithConsumerModel(model),
		consumer.WithConsumerOrder(o.orderly),
		consumer.WithConsumeFromWhere(consumer.ConsumeFromFirstOffset),
		consumer.WithStrategy(reportingAllocation(consumer.AllocateByAveragely)),
	)
	if err != nil {
		return err
	}
	selector := consumer.MessageSelector{Type: consumer.TAG, Expression: o.selector}
	if err := client.Subscribe(o.topic, selector, o.listener()); err != nil {
		return err
	}
	if err := client.Start(); err != nil {
		return err
	}
	emit("ready", fields{"group": o.group, "topic": o.topic})

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	err = client.Shutdown()
	emit("stopped", fields{})
	return err
}

func (o consumeOptions) listener() func(context.Context, ...*primitive.MessageExt) (consumer.ConsumeResult, error) {
	return func(ctx context.Context, messages ...*primitive.MessageExt) (consumer.ConsumeResult, error) {
		result := consumer.ConsumeSuccess
		for _, message := range messages {
			if int(message.ReconsumeTimes) < o.retryTimes {
				result = consumer.ConsumeRetryLater
			}
		}
		for _, message := range messages {
			record := messageFields(ctx, message)
			record["result"] = consumeResultName(result)
			emit("received", record)
		}
		return result, nil
	}
}

func consumeResultName(result consumer.ConsumeResult) string {
	if result == consumer.ConsumeRetryLater {
		return "RETRY_LATER"
	}
	return "SUCCESS"
}

// reportingAllocation wraps the client's own strategy and prints its result whenever it changes,
// so a spec can wait until every member of a group owns its share before it sends.
func reportingAllocation(strategy consumer.AllocateStrategy) consumer.AllocateStrategy {
	var lock sync.Mutex
	last := map[string]string{}
	return func(group, currentCID string, all []*primitive.MessageQueue, cids []string) []*primitive.MessageQueue {
		mine := strategy(group, currentCID, all, cids)
		if len(all) == 0 {
			return mine
		}
		queues := make([]fields, len(mine))
		keys := make([]string, len(mine))
		for i, queue := range mine {
			queues[i] = queueFields(queue)
			keys[i] = queue.String()
		}
		sort.Strings(keys)
		sortedCids := append([]string{}, cids...)
		sort.Strings(sortedCids)
		state := joinAll(keys) + "|" + joinAll(sortedCids)
		topic := all[0].Topic
		lock.Lock()
		changed := last[topic] != state
		last[topic] = state
		lock.Unlock()
		if changed {
			emit("allocated", fields{"topic": topic, "clientId": currentCID, "members": sortedCids, "queues": queues, "of": len(all)})
		}
		return mine
	}
}

func joinAll(items []string) string {
	joined := ""
	for _, item := range items {
		joined += item + ";"
	}
	return joined
}
