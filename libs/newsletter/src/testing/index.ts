// Test helpers of the newsletter, for specs only: never exported by the library's index.
export { startSmtpSink, rawHeader, type SmtpSink, type ReceivedMail } from './smtp-sink';
