package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/apache/rocketmq-client-go/v2"
	"github.com/apache/rocketmq-client-go/v2/primitive"
	"github.com/apache/rocketmq-client-go/v2/producer"
)

type produceOptions struct {
	namesrv      string
	topic        string
	group        string
	mode         string
	count        int
	batchSize    int
	prefix       string
	tags         string
	shardingKeys string
	delayLevel   int
	timeout      time.Duration
}

// runProduce sends -count messages with bodies "<prefix>-<i>" and prints one "sent" line per
// send (a batch is one send), then "done". Exits 1 if any send failed.
func runProduce(args []string) error {
	var o produceOptions
	flags := flag.NewFlagSet("produce", flag.ContinueOnError)
	targetFlags(flags, &o.namesrv, &o.topic)
	flags.StringVar(&o.group, "g", fmt.Sprintf("go_driver_pg_%d", time.Now().UnixNano()), "producer group")
	flags.StringVar(&o.mode, "mode", "sync", "sync | async | oneway | batch")
	flags.IntVar(&o.count, "count", 10, "messages to send")
	flags.IntVar(&o.batchSize, "batch-size", 0, "messages per batch in batch mode (default: all in one)")
	flags.StringVar(&o.prefix, "prefix", "go", "body prefix; bodies are <prefix>-<i>")
	flags.StringVar(&o.tags, "tags", "", "comma-separated tags, message i gets tag i mod len")
	flags.StringVar(&o.shardingKeys, "sharding-keys", "", "comma-separated sharding keys, message i gets key i mod len; queues chosen by key hash")
	flags.IntVar(&o.delayLevel, "delay-level", 0, "delay level of every message (0: none)")
	flags.DurationVar(&o.timeout, "timeout", 10*time.Second, "timeout of one send")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if o.namesrv == "" || o.topic == "" || o.count < 1 {
		return errors.New("-n, -t and a positive -count are required")
	}

	options := []producer.Option{
		producer.WithNameServer(nameServers(o.namesrv)),
		producer.WithGroupName(o.group),
		producer.WithRetry(2),
		producer.WithSendMsgTimeout(o.timeout),
	}
	if o.shardingKeys != "" {
		options = append(options, producer.WithQueueSelector(producer.NewHashQueueSelector()))
	}
	client, err := rocketmq.NewProducer(options...)
	if err != nil {
		return err
	}
	if err := client.Start(); err != nil {
		return err
	}
	defer func() { _ = client.Shutdown() }()

	messages := o.messages()
	failed := 0
	switch o.mode {
	case "sync":
		for _, message := range messages {
			result, err := client.SendSync(context.Background(), message)
			failed += report(o.mode, result, err, message)
		}
	case "async":
		failed = sendAsync(client, messages)
	case "oneway":
		for _, message := range messages {
			if err := client.SendOneWay(context.Background(), message); err != nil {
				failed += report(o.mode, nil, err, message)
				continue
			}
			// A one-way send has no result: only that the request was written.
			emit("sent", fields{"mode": "oneway", "bodies": bodiesOf(message)})
		}
	case "batch":
		size := o.batchSize
		if size <= 0 {
			size = len(messages)
		}
		for start := 0; start < len(messages); start += size {
			end := start + size
			if end > len(messages) {
				end = len(messages)
			}
			batch := messages[start:end]
			result, err := client.SendSync(context.Background(), batch...)
			failed += report(o.mode, result, err, batch...)
		}
	default:
		return fmt.Errorf("unknown -mode %q", o.mode)
	}
	emit("done", fields{"messages": len(messages), "failed": failed})
	if failed > 0 {
		return fmt.Errorf("%d of %d sends failed", failed, len(messages))
	}
	return nil
}

func (o produceOptions) messages() []*primitive.Message {
	tags := splitList(o.tags)
	keys := splitList(o.shardingKeys)
	messages := make([]*primitive.Message, o.count)
	for i := range messages {
		body := fmt.Sprintf("%s-%d", o.prefix, i)
		message := primitive.NewMessage(o.topic, []byte(body)).WithKeys([]string{body})
		if len(tags) > 0 {
			message.WithTag(tags[i%len(tags)])
		}
		if len(keys) > 0 {
			message.WithShardingKey(keys[i%len(keys)])
		}
		if o.delayLevel > 0 {
			message.WithDelayTimeLevel(o.delayLevel)
		}
		messages[i] = message
	}
	return messages
}

// report prints the outcome of one send (of one message or one batch): 1 if it failed.
func report(mode string, result *primitive.SendResult, err error, messages ...*primitive.Message) int {
	if err != nil {
		emit("send-failed", fields{"mode": mode, "bodies": bodiesOf(messages...), "error": err.Error()})
		return 1
	}
	record := resultFields(result, messages...)
	record["mode"] = mode
	emit("sent", record)
	return 0
}

// sendAsync starts every send at once and waits for every callback.
func sendAsync(client rocketmq.Producer, messages []*primitive.Message) int {
	var wait sync.WaitGroup
	var lock sync.Mutex
	failed := 0
	for _, message := range messages {
		message := message
		wait.Add(1)
		count := func(result *primitive.SendResult, err error) {
			outcome := report("async", result, err, message)
			lock.Lock()
			failed += outcome
			lock.Unlock()
		}
		err := client.SendAsync(context.Background(), func(_ context.Context, result *primitive.SendResult, err error) {
			defer wait.Done()
			count(result, err)
		}, message)
		if err != nil {
			// Not sent at all (no route, client closed): the callback never runs.
			wait.Done()
			count(nil, err)
		}
	}
	wait.Wait()
	return failed
}

// resultFields reports a SendResult as the broker answered it: for a batch, offsetMsgId is the
// broker's comma-joined list and queueOffset the first message's offset.
func resultFields(result *primitive.SendResult, messages ...*primitive.Message) fields {
	record := queueFields(result.MessageQueue)
	record["bodies"] = bodiesOf(messages...)
	record["status"] = sendStatusName(result.Status)
	record["msgId"] = result.MsgID
	record["offsetMsgId"] = result.OffsetMsgID
	record["queueOffset"] = result.QueueOffset
	return record
}

func sendStatusName(status primitive.SendStatus) string {
	switch status {
	case primitive.SendOK:
		return "SEND_OK"
	case primitive.SendFlushDiskTimeout:
		return "FLUSH_DISK_TIMEOUT"
	case primitive.SendFlushSlaveTimeout:
		return "FLUSH_SLAVE_TIMEOUT"
	case primitive.SendSlaveNotAvailable:
		return "SLAVE_NOT_AVAILABLE"
	default:
		return fmt.Sprintf("UNKNOWN(%d)", status)
	}
}

func bodiesOf(messages ...*primitive.Message) []string {
	bodies := make([]string, len(messages))
	for i, message := range messages {
		bodies[i] = string(message.Body)
	}
	return bodies
}

func splitList(list string) []string {
	var items []string
	for _, item := range strings.Split(list, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}
