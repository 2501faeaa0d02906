/** English strings for the web app. Every key here must exist in fr.ts (the type checker and a test enforce it). */
export const en = {
  'app.name': 'Personal Assistant TDAH',
  'app.skipToContent': 'Skip to content',
  'nav.label': 'Main',
  'nav.home': 'Home',
  'nav.status': 'Status',
  'footer.text': 'Self-hosted and private. Your notes and tasks stay on your server.',

  'home.title': 'Get it out of your head, in one breath.',
  'home.intro':
    'Personal Assistant TDAH is a quiet helper for adults with ADHD. Tell it what is on your mind: it remembers, reminds you at the right moment, and helps you take the next small step.',
  'home.featuresHeading': 'How it helps',
  'home.capture.title': 'Capture in one breath',
  'home.capture.body': 'One line is enough: “dentist thu 2:30”, “milk eggs bread”. No forms to fill in.',
  'home.echo.title': 'Echo, then undo',
  'home.echo.body': 'It tells you what it understood. If it guessed wrong, one word or one tap undoes it.',
  'home.nextStep.title': 'One next step',
  'home.nextStep.body': 'Big things become small steps, and the first one is small enough to do in about two minutes.',
  'home.nudges.title': 'Gentle nudges',
  'home.nudges.body':
    'Reminders come at the right time, never during your quiet hours. Ignore a few and you get fewer, not more.',
  'home.noShame.title': 'No shame',
  'home.noShame.body': 'Nothing turns red and no streak resets. What slipped simply rolls over to tomorrow.',
  'home.channels.title': 'Text it or use the web app',
  'home.channels.body': 'Send a text message from your phone or open this app. Same assistant, same list.',
  'home.private.title': 'Self-hosted and private',
  'home.private.body': 'It runs on a server you control. Export or delete everything whenever you like.',
  'home.statusLink': 'See how the assistant is doing',

  'status.title': 'Status',
  'status.intro': 'What this assistant is running on right now.',
  'status.loading': 'Checking the assistant…',
  'status.ready': 'Everything is up and running.',
  'status.version': 'Version',
  'status.database': 'Database',
  'status.channels': 'Channels',
  'status.noChannels': 'None yet',
  'status.channel.web': 'Web app',
  'status.channel.sms': 'Text messages (SMS)',
  'status.channel.email': 'Email',
  'status.error.heading': 'The assistant did not answer',
  'status.error.fallback': 'Something went wrong on the way. It is not your fault.',
  'status.error.network': 'The assistant could not be reached. Check that the host is running, then try again.',
  'status.error.reference': 'Reference for support: {traceId}',
  'status.retry': 'Try again',
  'status.retrying': 'Trying again…',

  'notFound.title': 'This page is not here',
  'notFound.body': 'The link may be old or mistyped. Nothing is lost.',
  'notFound.home': 'Go to the home page',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
