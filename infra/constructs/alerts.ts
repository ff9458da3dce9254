import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface AlertsProps {
  removalPolicy: RemovalPolicy;
}

/**
 * Deadline alerts: an encrypted, TLS-only SNS topic that operators subscribe to. It lives in the
 * stateful stack: its subscriptions are made by hand, outside CloudFormation, and a new topic would lose them.
 */
export class Alerts extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);

    this.key = new Key(this, 'TopicKey', {
      description: 'Encrypts the Tenderflow alert topic',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Tenderflow deadline alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
  }
}

export interface SweepScheduleProps {
  /** the function that sends the reminders that are due */
  sweep: IFunction;
}

/**
 * The one-minute schedule that runs the alert sweep, next to the sweep. A missed run is caught up by
 * the next one (the sweep reads everything due up to now), so failed invocations are retried only briefly.
 */
export class SweepSchedule extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: SweepScheduleProps) {
    super(scope, id);
    this.rule = new Rule(this, 'SweepSchedule', {
      description: 'Runs the Tenderflow alert sweep every minute',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(props.sweep, { retryAttempts: 2, maxEventAge: Duration.minutes(5) })],
    });
  }
}
