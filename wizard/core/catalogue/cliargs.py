"""Messages: argparse's errors on the command line, in the person's language."""

MESSAGES: dict[str, dict[str, str]] = {
    "cli.args.unrecognized": {
        "en": "these arguments are not known: {args}",
        "fr": "ces arguments ne sont pas connus : {args}",
    },
    "cli.args.required": {
        "en": "these arguments are required: {args}",
        "fr": "ces arguments sont obligatoires : {args}",
    },
    "cli.args.invalid-choice": {
        "en": "argument {option}: {value} is not one of the choices ({choices})",
        "fr": "argument {option} : {value} ne fait pas partie des choix ({choices})",
    },
    "cli.args.expected-one": {
        "en": "argument {option}: a value is expected after it",
        "fr": "argument {option} : une valeur est attendue après lui",
    },
    "cli.args.invalid-value": {
        "en": "argument {option}: {value} is not a valid value",
        "fr": "argument {option} : {value} n'est pas une valeur valide",
    },
    "cli.args.not-allowed-with": {
        "en": "argument {option} cannot be used with {other}",
        "fr": "l'argument {option} ne peut pas être utilisé avec {other}",
    },
    "cli.args.ambiguous": {
        "en": "{option} is ambiguous: it could be {matches}",
        "fr": "{option} est ambigu : cela peut être {matches}",
    },
    "cli.args.see-help": {
        "en": "see {prog} --help",
        "fr": "voir {prog} --help",
    },
}
