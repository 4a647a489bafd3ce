export { startLocalBroker as startBroker, type LocalBroker as Broker } from '@fenghuo/infra';
