import type { Messages } from './en';

/** Chaînes françaises de l'application web : mêmes clés que en.ts. */
export const fr: Messages = {
  'app.name': 'Personal Assistant TDAH',
  'app.skipToContent': 'Aller au contenu',
  'nav.label': 'Principale',
  'nav.home': 'Accueil',
  'nav.status': 'État',
  'footer.text': 'Auto-hébergé et privé. Vos notes et vos tâches restent sur votre serveur.',

  'home.title': 'Sortez-le de votre tête, d’un seul souffle.',
  'home.intro':
    'Personal Assistant TDAH est un assistant discret pour les adultes avec un TDAH. Dites-lui ce qui vous passe par la tête : il s’en souvient, vous le rappelle au bon moment et vous aide à faire le prochain petit pas.',
  'home.featuresHeading': 'Comment il vous aide',
  'home.capture.title': 'Noter d’un seul souffle',
  'home.capture.body': 'Une ligne suffit : « dentiste jeu 14h30 », « lait œufs pain ». Aucun formulaire à remplir.',
  'home.echo.title': 'Il répète, vous pouvez annuler',
  'home.echo.body': 'Il vous dit ce qu’il a compris. S’il s’est trompé, un mot ou un geste suffit pour annuler.',
  'home.nextStep.title': 'Un seul prochain pas',
  'home.nextStep.body':
    'Les grandes choses deviennent de petites étapes, et la première se fait en deux minutes environ.',
  'home.nudges.title': 'Des rappels en douceur',
  'home.nudges.body':
    'Les rappels arrivent au bon moment, jamais pendant vos heures calmes. Si vous en ignorez, vous en recevez moins, pas plus.',
  'home.noShame.title': 'Sans culpabilité',
  'home.noShame.body': 'Rien ne devient rouge, aucune série ne retombe à zéro. Ce qui a glissé passe simplement à demain.',
  'home.channels.title': 'Par SMS ou dans l’application web',
  'home.channels.body': 'Envoyez un SMS depuis votre téléphone ou ouvrez cette application. Même assistant, même liste.',
  'home.private.title': 'Auto-hébergé et privé',
  'home.private.body': 'Il tourne sur un serveur que vous contrôlez. Exportez ou supprimez tout quand vous voulez.',
  'home.statusLink': 'Voir l’état de l’assistant',

  'status.title': 'État',
  'status.intro': 'Sur quoi cet assistant fonctionne en ce moment.',
  'status.loading': 'Vérification de l’assistant…',
  'status.ready': 'Tout fonctionne.',
  'status.version': 'Version',
  'status.database': 'Base de données',
  'status.channels': 'Canaux',
  'status.noChannels': 'Aucun pour l’instant',
  'status.channel.web': 'Application web',
  'status.channel.sms': 'SMS',
  'status.channel.email': 'E-mail',
  'status.error.heading': 'L’assistant n’a pas répondu',
  'status.error.fallback': 'Un problème est survenu en chemin. Ce n’est pas de votre faute.',
  'status.error.network':
    'Impossible de joindre l’assistant. Vérifiez que l’hôte est démarré, puis réessayez.',
  'status.error.reference': 'Référence pour le support : {traceId}',
  'status.retry': 'Réessayer',
  'status.retrying': 'Nouvel essai…',

  'notFound.title': 'Cette page n’existe pas',
  'notFound.body': 'Le lien est peut-être ancien ou mal saisi. Rien n’est perdu.',
  'notFound.home': 'Aller à l’accueil',
};
