package main

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/apache/rocketmq-client-go/v2/primitive"
)

// fields is one output record; emit adds "event" and "at" (Unix milliseconds).
type fields map[string]interface{}

// Callbacks of the client run on many goroutines: one writer at a time keeps every line whole.
var output = struct {
	sync.Mutex
	encoder *json.Encoder
}{encoder: json.NewEncoder(os.Stdout)}

func emit(event string, record fields) {
	record["event"] = event
	record["at"] = time.Now().UnixMilli()
	output.Lock()
	defer output.Unlock()
	// Encode writes the trailing newline; stdout is unbuffered, so a line is out as soon as it is written.
	_ = output.encoder.Encode(record)
}

// queueFields names a queue the way the specs match it: broker name and queue id.
func queueFields(queue *primitive.MessageQueue) fields {
	if queue == nil {
		return fields{}
	}
	return fields{"topic": queue.Topic, "broker": queue.BrokerName, "queueId": queue.QueueId}
}

// messageFields is what a consumer was handed. The queue comes from the consume context: a
// message redelivered through %RETRY%<group> carries its original topic again by then, while
// the queue is the retry topic's.
func messageFields(ctx context.Context, message *primitive.MessageExt) fields {
	record := fields{
		"msgId":          message.MsgId,
		"offsetMsgId":    message.OffsetMsgId,
		"topic":          message.Topic,
		"body":           string(message.Body),
		"tags":           message.GetTags(),
		"keys":           message.GetKeys(),
		"shardingKey":    message.GetShardingKey(),
		"queueOffset":    message.QueueOffset,
		"reconsumeTimes": message.ReconsumeTimes,
		"bornTimestamp":  message.BornTimestamp,
		"storeTimestamp": message.StoreTimestamp,
		"storeHost":      message.StoreHost,
		"properties":     message.GetProperties(),
	}
	if consumeContext, ok := primitive.GetConsumerCtx(ctx); ok && consumeContext.MQ != nil {
		record["queue"] = queueFields(consumeContext.MQ)
	}
	return record
}

// nameServers splits a RocketMQ-style "host:port;host:port" list.
func nameServers(list string) primitive.NamesrvAddr {
	var addrs primitive.NamesrvAddr
	for _, addr := range strings.Split(list, ";") {
		if addr = strings.TrimSpace(addr); addr != "" {
			addrs = append(addrs, addr)
		}
	}
	return addrs
}
