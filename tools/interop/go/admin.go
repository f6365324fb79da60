package main

import (
	"context"
	"errors"
	"flag"
	"time"

	"github.com/apache/rocketmq-client-go/v2/admin"
	"github.com/apache/rocketmq-client-go/v2/primitive"
)

type adminOptions struct {
	namesrv string
	action  string
	topic   string
	broker  string
	queues  int
}

// runAdmin does one call of the client's admin API and prints its outcome as one line:
// create (UPDATE_AND_CREATE_TOPIC on -broker), topics (GET_ALL_TOPIC_LIST_FROM_NAMESERVER),
// queues (the topic's publish queues from its route), delete (DELETE_TOPIC_IN_BROKER on -broker,
// then DELETE_TOPIC_IN_NAMESRV on every name server).
func runAdmin(args []string) error {
	var o adminOptions
	flags := flag.NewFlagSet("admin", flag.ContinueOnError)
	targetFlags(flags, &o.namesrv, &o.topic)
	flags.StringVar(&o.action, "action", "", "create | topics | queues | delete")
	flags.StringVar(&o.broker, "broker", "", "broker address (create, delete)")
	flags.IntVar(&o.queues, "queues", 4, "read and write queues (create)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if o.namesrv == "" {
		return errors.New("-n is required")
	}
	client, err := admin.NewAdmin(admin.WithResolver(primitive.NewPassthroughResolver(nameServers(o.namesrv))))
	if err != nil {
		return err
	}
	defer func() { _ = client.Close() }()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	switch o.action {
	case "create":
		// The client does not look at the response code: a refused create still returns nil, so
		// the spec checks the route afterwards.
		err = client.CreateTopic(ctx, admin.WithTopicCreate(o.topic), admin.WithBrokerAddrCreate(o.broker),
			admin.WithReadQueueNums(o.queues), admin.WithWriteQueueNums(o.queues))
		if err == nil {
			emit("admin", fields{"action": o.action, "topic": o.topic, "broker": o.broker})
		}
	case "topics":
		var list *admin.TopicList
		if list, err = client.FetchAllTopicList(ctx); err == nil {
			emit("topics", fields{"topics": list.TopicList})
		}
	case "queues":
		var queues []*primitive.MessageQueue
		if queues, err = client.FetchPublishMessageQueues(ctx, o.topic); err == nil {
			records := make([]fields, len(queues))
			for i, queue := range queues {
				records[i] = queueFields(queue)
			}
			emit("queues", fields{"topic": o.topic, "queues": records})
		}
	case "delete":
		err = client.DeleteTopic(ctx, admin.WithTopicDelete(o.topic), admin.WithBrokerAddrDelete(o.broker),
			admin.WithNameSrvAddr(nameServers(o.namesrv)))
		if err == nil {
			emit("admin", fields{"action": o.action, "topic": o.topic, "broker": o.broker})
		}
	default:
		return errors.New("-action must be create, topics, queues or delete")
	}
	return err
}
