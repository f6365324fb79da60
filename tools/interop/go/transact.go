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

// transactionListener answers each message's local transaction from its decision (commit,
// rollback or unknown) and every check with commit, counting checks per body.
type transactionListener struct {
	decisions map[string]string
	mu        sync.Mutex
	checks    map[string]int
}

func (l *transactionListener) ExecuteLocalTransaction(message *primitive.Message) primitive.LocalTransactionState {
	switch l.decisions[string(message.Body)] {
	case "commit":
		return primitive.CommitMessageState
	case "rollback":
		return primitive.RollbackMessageState
	default:
		return primitive.UnknowState
	}
}

func (l *transactionListener) CheckLocalTransaction(message *primitive.MessageExt) primitive.LocalTransactionState {
	body := string(message.Body)
	l.mu.Lock()
	l.checks[body]++
	l.mu.Unlock()
	emit("checked", fields{"body": body, "decision": l.decisions[body], "transactionId": message.TransactionId})
	if l.decisions[body] == "rollback" {
		return primitive.RollbackMessageState
	}
	return primitive.CommitMessageState
}

// runTransact sends -count transactional messages "<prefix>-<i>", message i decided by
// decisions[i mod n], prints one "sent" line each, stays up -linger to answer the broker's
// checks, then prints "done" with the checks seen per body.
func runTransact(args []string) error {
	var namesrv, topic, group, prefix, decisionList string
	var count int
	var linger time.Duration
	flags := flag.NewFlagSet("transact", flag.ContinueOnError)
	targetFlags(flags, &namesrv, &topic)
	flags.StringVar(&group, "g", fmt.Sprintf("go_driver_tx_%d", time.Now().UnixNano()), "producer group")
	flags.StringVar(&prefix, "prefix", "tx", "body prefix; bodies are <prefix>-<i>")
	flags.StringVar(&decisionList, "decisions", "commit,rollback,unknown", "local transaction answers, message i gets i mod len")
	flags.IntVar(&count, "count", 9, "messages to send")
	flags.DurationVar(&linger, "linger", 20*time.Second, "how long to stay up answering checks after the last send")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if namesrv == "" || topic == "" || count < 1 {
		return errors.New("-n, -t and a positive -count are required")
	}
	decisions := strings.Split(decisionList, ",")
	listener := &transactionListener{decisions: map[string]string{}, checks: map[string]int{}}
	for i := 0; i < count; i++ {
		listener.decisions[fmt.Sprintf("%s-%d", prefix, i)] = decisions[i%len(decisions)]
	}
	client, err := rocketmq.NewTransactionProducer(listener, producer.WithNameServer(nameServers(namesrv)), producer.WithGroupName(group), producer.WithRetry(2))
	if err != nil {
		return err
	}
	if err := client.Start(); err != nil {
		return err
	}
	defer func() { _ = client.Shutdown() }()
	failed := 0
	for i := 0; i < count; i++ {
		body := fmt.Sprintf("%s-%d", prefix, i)
		result, err := client.SendMessageInTransaction(context.Background(), primitive.NewMessage(topic, []byte(body)))
		if err != nil {
			failed++
			emit("send-failed", fields{"body": body, "error": err.Error()})
			continue
		}
		emit("tx-sent", fields{"body": body, "decision": listener.decisions[body], "status": int(result.Status), "localState": int(result.State), "msgId": result.MsgID, "transactionId": result.TransactionID})
	}
	time.Sleep(linger)
	listener.mu.Lock()
	checks := map[string]int{}
	for body, times := range listener.checks {
		checks[body] = times
	}
	listener.mu.Unlock()
	emit("done", fields{"failed": failed, "checks": checks})
	if failed > 0 {
		return fmt.Errorf("%d transactional sends failed", failed)
	}
	return nil
}
