function __jsf_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __jsf_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __jsf_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __jsf_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __jsf_parse_tokens -S
    set -l unparsed_tokens (__jsf_tokens -pc)
    switch $unparsed_tokens[1]
    case 'jsf'
        __jsf_parse_subcommand 0 'C=' 'color=' 'h/help'
        switch $unparsed_tokens[1]
        case 'identity'
            __jsf_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'init'
                __jsf_parse_subcommand 0 'C=' 'color=' 'role=' 'name=' 'organisation=' 'siret=' 'cpv=+' 'departement=+' 'email=' 'phone=' 'website=' 'address=' 'postal-code=' 'city=' 'commit-email=' 'ssh-key=' 'force' 'h/help'
            case 'show'
                __jsf_parse_subcommand 0 'C=' 'color=' 'json' 'h/help'
            end
        case 'init'
            __jsf_parse_subcommand 1 'C=' 'color=' 'id=' 'title=' 'buyer=' 'cpv=+' 'territory=+' 'from=' 'hub=' 'procedure=' 'estimated-amount=' 'time-zone=' 'h/help'
        case 'check'
            __jsf_parse_subcommand 0 'C=' 'color=' 'json' 'h/help'
        case 'publish'
            __jsf_parse_subcommand 0 'C=' 'color=' 'm/message=' 'until=' 'integrates=+' 'dry-run' 'allow-removing-all' 'no-push' 'timeout=' 'catalogue=' 'h/help'
        case 'status'
            __jsf_parse_subcommand 0 'C=' 'color=' 'json' 'h/help'
        case 'log'
            __jsf_parse_subcommand 0 'C=' 'color=' 'json' 'keys' 'h/help'
        case 'clauses'
            __jsf_parse_subcommand 0 'C=' 'color=' 'version=' 'json' 'h/help'
        case 'show'
            __jsf_parse_subcommand 1 'C=' 'color=' 'version=' 'own' 'json' 'h/help'
        case 'discover'
            __jsf_parse_subcommand 1 'C=' 'color=' 'timeout=' 'all' 'json' 'h/help'
        case 'clone'
            __jsf_parse_subcommand 2 'C=' 'color=' 'timeout=' 'agent-key=' 'h/help'
        case 'propose'
            __jsf_parse_subcommand 1 'C=' 'color=' 'kind=' 'cost=' 'estimate=' 'm/message=' 'F=' 'text-file=' 'weight=' 'weights=' 'amend=' 'allow-identifying' 'h/help'
        case 'withdraw'
            __jsf_parse_subcommand 1 'C=' 'color=' 'h/help'
        case 'inbox'
            __jsf_parse_subcommand 0 'C=' 'color=' 'mine' 'clause=' 'kind=' 'cost=' 'status=' 'round=' 'outdated' 'json' 'h/help'
        case 'comment'
            __jsf_parse_subcommand 1 'C=' 'color=' 'm/message=' 'F=' 'status=' 'erratum' 'signed-by=' 'dry-run' 'no-push' 'timeout=' 'h/help'
        case 'revise'
            __jsf_parse_subcommand 0 'C=' 'color=' 'apply=+' 'json' 'h/help'
        case 'diff'
            __jsf_parse_subcommand 2 'C=' 'color=' 'clause=' 'json' 'h/help'
        case 'round'
            __jsf_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'close'
                __jsf_parse_subcommand 0 'C=' 'color=' 'no-push' 'timeout=' 'h/help'
            end
        case 'fetch'
            __jsf_parse_subcommand 0 'C=' 'color=' 'timeout=' 'h/help'
        case 'push'
            __jsf_parse_subcommand 0 'C=' 'color=' 'timeout=' 'h/help'
        case 'approve'
            __jsf_parse_subcommand 1 'C=' 'color=' 'm/message=' 'y/yes' 'no-push' 'timeout=' 'h/help'
        case 'import'
            __jsf_parse_subcommand 1 'C=' 'color=' 'into=' 'h/help'
        case 'export'
            __jsf_parse_subcommand 1 'C=' 'color=' 'format=' 'o/output=' 'reference-doc=' 'template=' 'h/help'
        case 'report'
            __jsf_parse_subcommand 0 'C=' 'color=' 'version=' 'html=' 'md=' 'pdf=' 'lang=' 'json' 'h/help'
        case 'consultation'
            __jsf_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'add-buyer'
                __jsf_parse_subcommand 0 'C=' 'color=' 'name=' 'key=' 'key-string=' 'no-push' 'timeout=' 'encryption-key=' 'h/help'
            case 'remove-buyer'
                __jsf_parse_subcommand 0 'C=' 'color=' 'name=' 'key=' 'key-string=' 'no-push' 'timeout=' 'h/help'
            end
        case 'verify'
            __jsf_parse_subcommand -r 1 'C=' 'color=' 'json' 'h/help'
        case 'audit-anonymity'
            __jsf_parse_subcommand 1 'C=' 'color=' 'identity=+' 'git-identity=+' 'json' 'h/help'
        case 'allowed-signers'
            __jsf_parse_subcommand 0 'C=' 'color=' 'o/output=' 'role=+' 'h/help'
        case 'repair'
            __jsf_parse_subcommand 0 'C=' 'color=' 'hub' 'dry-run' 'json' 'h/help'
        case 'hub'
            __jsf_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'init'
                __jsf_parse_subcommand 1 'C=' 'color=' 'catalogue' 'existing' 'h/help'
            end
        case 'catalogue'
            __jsf_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'register'
                __jsf_parse_subcommand 1 'C=' 'color=' 'h/help'
            end
        case 'hook'
            __jsf_parse_subcommand 0 'h/help'
            switch $unparsed_tokens[1]
            case 'pre-receive'
                __jsf_parse_subcommand 0 'C=' 'color=' 'h/help'
            end
        case 'help'
            __jsf_parse_subcommand -r 1 
        end
    end
end

function __jsf_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __jsf_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __jsf_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __jsf_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__jsf_tokens -p)
    if test -z "$(__jsf_tokens -t)"
        set -l index (count (__jsf_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'jsf' -f
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'identity' -d 'Create or show who you are: agent, company or buyer.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'init' -d 'Create a consultation: a repository whose main branch holds the CCTP, not yet published.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'check' -d 'Validate the consultation: the working tree and HEAD.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'publish' -d 'Publish the edited CCTP as the next draft (vN) and open its round.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'status' -d 'Show the consultation, your role, the current draft, its round and what is not published yet.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'log' -d 'List the published drafts: date, changelog and number of clauses changed; and every change of keys.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'clauses' -d 'Show the clause index (clauses.yml) of a draft, or of HEAD.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'show' -d 'Show the CCTP of a draft, one clause of it, or one proposal.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'discover' -d 'List the consultations of a catalogue that concern your company.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'clone' -d 'Get a consultation from its hub, and see whether it concerns your company.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'propose' -d 'React to a clause or criterion of the current draft, under your pseudonym.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'withdraw' -d 'Withdraw one of your proposals.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'inbox' -d 'List the proposals, grouped by clause in document order, with counts and cost tallies.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'comment' -d 'Answer a proposal (agent), on the dialogue branch.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'revise' -d 'Apply accepted alternatives to cctp.md, for the next draft.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'diff' -d 'Compare two drafts clause by clause, with a word-level redline.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'round' -d 'Manage the round of the current draft.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'fetch' -d 'Fetch everything from the hub and report what is new.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'push' -d 'Push the refs your role owns to the hub (origin).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'approve' -d 'Approve the final draft (a PFRA buyer): merge on \'published\', tag \'final\'.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'import' -d 'Turn a Word (.docx), LibreOffice (.odt) or Markdown CCTP into cctp.md.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'export' -d 'Write a version of the CCTP as a tender-file document: odt, docx, pdf, html or md.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'report' -d 'Write the dialogue as a document to annex to the tender file (Markdown, HTML, PDF or JSON).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'consultation' -d 'Manage who may approve: the PFRA buyers\' keys in consultation.yml (agent).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'verify' -d 'Check that every ref was written and signed by its owner.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'audit-anonymity' -d 'Search a repository for anything that names a company.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'allowed-signers' -d 'Write git\'s allowed-signers file, so that plain git checks jsf\'s signatures.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'repair' -d 'Remove the lock and temporary files a stopped jsf or git left behind.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'hub' -d 'Create the shared repository of a consultation or a catalogue, which enforces the rules.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'catalogue' -d 'List the consultation in a catalogue companies browse with \'jsf discover\'.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'hook' -d 'Run on a hub by git: checks what is pushed.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf identity" -eq 1' -fa 'init' -d 'Create your identity.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf identity" -eq 1' -fa 'show' -d 'Show your identity.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" role' -l 'role' -d 'agent (owns consultations), company (reacts to them) or buyer (PFRA, approves).' -rfka 'agent company buyer'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" name' -l 'name' -d 'Your name (a company may give its trade name).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" organisation' -l 'organisation' -d 'The organisation: the public body of an agent or buyer, the company\'s legal name.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" siret' -l 'siret' -d 'The company\'s SIRET (14 digits).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init"' -l 'cpv' -d 'A CPV code of the company\'s domain (repeatable), e.g. 90919200-4.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init"' -l 'departement' -d 'A département where the company is established (repeatable), as an INSEE code: 67, 2A, 971.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" email' -l 'email' -d 'Contact email (never written into a consultation for a company).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" phone' -l 'phone' -d 'Contact phone number.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" website' -l 'website' -d 'Web site or domain.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" address' -l 'address' -d 'A company\'s street line, e.g. "12 rue du Dôme" (\'jsf propose\' refuses a text that gives it).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" postal-code' -l 'postal-code' -d 'A company\'s postal code, e.g. 67200.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" city' -l 'city' -d 'A company\'s town, e.g. Strasbourg.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" commit-email' -l 'commit-email' -d 'For an agent or buyer: the address their commits carry (none by default).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" ssh-key' -l 'ssh-key' -d 'For an agent or buyer: sign with this unencrypted OpenSSH ed25519 private key instead of a generated one.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" force' -l 'force' -d 'Replace an existing identity (the secret and the generated signing key are kept).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity show" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity show" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity show" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" id' -l 'id' -d 'The consultation id: lowercase letters, digits and hyphens; part of every pseudonym, never changes.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" title' -l 'title' -d 'The title of the consultation.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" buyer' -l 'buyer' -d 'The buying organisation (pouvoir adjudicateur).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init"' -l 'cpv' -d 'A CPV code of the consultation (repeatable), with or without its check digit: 50312000-5.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init"' -l 'territory' -d 'A département (67) or région (region:44) of the territory (repeatable); none means national.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" from' -l 'from' -d 'Start from this CCTP instead of the scaffold: Markdown, or .docx/.odt converted as \'jsf import\' does.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" hub' -l 'hub' -d 'The hub: a local path (created bare if absent) or a URL; becomes \'origin\'.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" procedure' -l 'procedure' -d 'Notes on the intended procedure (MAPA, appel d\'offres ouvert, …).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" estimated-amount' -l 'estimated-amount' -d 'Estimated amount in euros, excluding VAT.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" time-zone' -l 'time-zone' -d 'The IANA time zone of the consultation\'s dates (Europe/Paris, America/Cayenne, Indian/Reunion, …); default: the territory\'s.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf check" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf check" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf check" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" m message' -l 'message' -s 'm' -d 'The changelog\'s first line (default: "Version N").' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" until' -l 'until' -d 'When the round closes: 2027-01-15 (23:59:59 that day), 2027-01-15T17:00 (in the consultation\'s time zone) or 2027-01-15T17:00:00+01:00.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish"' -l 'integrates' -d 'Record these proposals as integrated with changes (accepted or partially accepted, adjusted by hand).' -rfka '(__jsf_custom_completion ---completion publish -- --integrates (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" dry-run' -l 'dry-run' -d 'Print the tag, its message, the files and what would be pushed; write nothing.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" allow-removing-all' -l 'allow-removing-all' -d 'Publish even though the new draft has no clause left of the previous one (an emptied cctp.md is refused otherwise).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" no-push' -l 'no-push' -d 'Do not push to origin.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" timeout' -l 'timeout' -d 'Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" catalogue' -l 'catalogue' -d 'Also add or update the consultation\'s entry in this catalogue (a git repository companies browse with \'jsf discover\').' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf status" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf status" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf status" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf log" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf log" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf log" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf log" keys' -l 'keys' -d 'List only the changes of signing keys.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf log" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clauses" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clauses" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clauses" version' -l 'version' -d 'The draft to show (v1, v2, …); default HEAD.' -rfka '(__jsf_custom_completion ---completion clauses -- --version (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clauses" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clauses" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf show" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf show" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf show" -eq 1' -fka '(__jsf_custom_completion ---completion show -- positional@0 (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf show" version' -l 'version' -d 'The draft to show (v1, v2, …); default HEAD.' -rfka '(__jsf_custom_completion ---completion show -- --version (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf show" own' -l 'own' -d 'Only the clause\'s own text, without its sub-clauses.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf show" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf discover" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf discover" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf discover" timeout' -l 'timeout' -d 'Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf discover" all' -l 'all' -d 'List every consultation, concerned or not.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf discover" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf discover" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clone" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clone" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clone" timeout' -l 'timeout' -d 'Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clone" agent-key' -l 'agent-key' -d 'The agent\'s public signing key (ssh-ed25519 AAAA…, or a file holding it), as \'jsf discover\' or the agent gives it: the consultation must have been created by it.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clone" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf propose" -eq 1' -fka '(__jsf_custom_completion ---completion propose -- positional@0 (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" kind' -l 'kind' -d 'solution, clarification or alternative; in French too: question or précision, variante.' -rfka 'solution clarification alternative'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" cost' -l 'cost' -d 'The effect on cost: up, down, neutral or unknown; in French too: hausse, baisse, neutre, inconnu.' -rfka 'up down neutral unknown'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" estimate' -l 'estimate' -d 'An estimate of the cost effect, in words ("-8 % sur le forfait").' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" m message' -l 'message' -s 'm' -d 'The justification.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" F' -s 'F' -d 'Read the justification from a file (- for standard input).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" text-file' -l 'text-file' -d 'The proposed clause text of an alternative.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" weight' -l 'weight' -d 'The proposed weight of an alternative criterion (0–100); the others are rebalanced.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" weights' -l 'weights' -d 'Every criterion\'s proposed weight, summing to 100 (prix=30,valeur-technique=60,8.3=10).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" amend' -l 'amend' -d 'Amend one of your proposals: the new one supersedes it.' -rfka '(__jsf_custom_completion ---completion propose -- --amend (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" allow-identifying' -l 'allow-identifying' -d 'Publish even if the text names your company.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf propose" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf withdraw" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf withdraw" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf withdraw" -eq 1' -fka '(__jsf_custom_completion ---completion withdraw -- positional@0 (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf withdraw" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf inbox" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf inbox" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf inbox" mine' -l 'mine' -d 'Only your own proposals (a company).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf inbox" clause' -l 'clause' -d 'Only proposals on this clause or criterion: id, number in the current draft (6.2, "Article 6") or id prefix.' -rfka '(__jsf_custom_completion ---completion inbox -- --clause (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf inbox" kind' -l 'kind' -d 'Only proposals of this kind: solution, clarification (question, précision) or alternative (variante).' -rfka 'solution clarification alternative'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf inbox" cost' -l 'cost' -d 'Only proposals with this cost impact: up, down, neutral, unknown (hausse, baisse, neutre, inconnu).' -rfka 'up down neutral unknown'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf inbox" status' -l 'status' -d 'Only proposals with this status (open, answered, accepted, …, withdrawn, superseded; or ouverte, répondue, acceptée, …, retirée, remplacée).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf inbox" round' -l 'round' -d 'Only proposals made on draft vN.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf inbox" outdated' -l 'outdated' -d 'Only proposals to re-examine: outdated (target changed) or orphaned (target removed).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf inbox" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf inbox" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf comment" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf comment" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf comment" -eq 1' -fka '(__jsf_custom_completion ---completion comment -- positional@0 (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf comment" m message' -l 'message' -s 'm' -d 'The answer.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf comment" F' -s 'F' -d 'Read the answer from a file (- for standard input).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf comment" status' -l 'status' -d 'answered, accepted, partially-accepted, rejected or noted; in French too: répondue, acceptée, partiellement-acceptée, rejetée, notée.' -rfka 'answered accepted partially-accepted rejected noted integrated'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf comment" erratum' -l 'erratum' -d 'Correct the latest answer; the corrected answer stays in the thread, dated.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf comment" signed-by' -l 'signed-by' -d 'Record in the answer the name of the agent who wrote it.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf comment" dry-run' -l 'dry-run' -d 'Print the response file as it would be written, and what would be pushed; write nothing.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf comment" no-push' -l 'no-push' -d 'Do not push to origin.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf comment" timeout' -l 'timeout' -d 'Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf comment" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf revise" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf revise" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf revise"' -l 'apply' -d 'Accepted alternatives to apply: --apply A B, or --apply A --apply B.' -rfka '(__jsf_custom_completion ---completion revise -- --apply (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf revise" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf revise" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf diff" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf diff" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf diff" -eq 1' -fka '(__jsf_custom_completion ---completion diff -- positional@0 (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf diff" -eq 2' -fka '(__jsf_custom_completion ---completion diff -- positional@1 (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf diff" clause' -l 'clause' -d 'Only this clause: id, number on either side (6.2, "Article 6") or id prefix.' -rfka '(__jsf_custom_completion ---completion diff -- --clause (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf diff" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf round" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf round" -eq 1' -fa 'close' -d 'Close the round of the current draft now (agent).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf round close" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf round close" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf round close" no-push' -l 'no-push' -d 'Do not push to origin.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf round close" timeout' -l 'timeout' -d 'Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf round close" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf fetch" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf fetch" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf fetch" timeout' -l 'timeout' -d 'Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf fetch" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf push" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf push" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf push" timeout' -l 'timeout' -d 'Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf push" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf approve" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf approve" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf approve" -eq 1' -fka '(__jsf_custom_completion ---completion approve -- positional@0 (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf approve" m message' -l 'message' -s 'm' -d 'The approval note.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf approve" y yes' -l 'yes' -s 'y' -d 'Do not ask for confirmation when something stays unresolved.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf approve" no-push' -l 'no-push' -d 'Do not push to origin.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf approve" timeout' -l 'timeout' -d 'Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf approve" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf import" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf import" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf import" into' -l 'into' -d 'Write cctp.md into this directory instead of printing it.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf export" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf export" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf export" -eq 1' -fka '(__jsf_custom_completion ---completion export -- positional@0 (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf export" format' -l 'format' -d 'The format: odt, docx, pdf, html or md.' -rfka 'odt docx pdf html md'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf export" o output' -l 'output' -s 'o' -d 'The file to write (\'-\' for standard output, md and html only).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf export" reference-doc' -l 'reference-doc' -d 'A .docx or .odt whose styles, page, header and footer replace jsf\'s (docx and odt).' -rfa '(set -l exts \'docx\' \'odt\';for p in (string match -e -- \'*/\' (commandline -t);or printf \n)*.{$exts};printf %s\n $p;end;__fish_complete_directories (commandline -t) \'\')'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf export" template' -l 'template' -d 'A pandoc template for html, pdf or odt.' -rF
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf report" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf report" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf report" version' -l 'version' -d 'Only the drafts up to this one (v2 or 2), and what was said before the next.' -rfka '(__jsf_custom_completion ---completion report -- --version (count (__jsf_tokens -pc)) (__jsf_tokens -tC))'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf report" html' -l 'html' -d 'Write the report as a self-contained HTML file (- for standard output).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf report" md' -l 'md' -d 'Write the report as Markdown to a file (- for standard output).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf report" pdf' -l 'pdf' -d 'Write the report as PDF through headless Chromium, with page numbers (- for standard output).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf report" lang' -l 'lang' -d 'The report\'s language, fr or en (default: from LC_ALL, LC_MESSAGES, LANG).' -rfka 'fr en'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf report" json' -l 'json' -d 'Print the report model as JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf report" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf consultation" -eq 1' -fa 'add-buyer' -d 'List a PFRA buyer who may approve (a signed commit on main, pushed).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf consultation" -eq 1' -fa 'remove-buyer' -d 'Remove a PFRA buyer\'s key (a signed commit on main, pushed).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation add-buyer" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation add-buyer" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation add-buyer" name' -l 'name' -d 'The buyer\'s name or service, e.g. "PFRA Grand Est".' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation add-buyer" key' -l 'key' -d 'A file holding the buyer\'s OpenSSH public key.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation add-buyer" key-string' -l 'key-string' -d 'The buyer\'s OpenSSH public key itself.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation add-buyer" no-push' -l 'no-push' -d 'Do not push to origin.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation add-buyer" timeout' -l 'timeout' -d 'Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation add-buyer" encryption-key' -l 'encryption-key' -d 'The buyer\'s signed encryption key: their encryption_key.pub, or "x25519 KEY PROOF" as \'jsf identity show\' prints it. Companies seal their identity to it. Given for a buyer already listed, it records that buyer\'s key.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation add-buyer" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation remove-buyer" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation remove-buyer" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation remove-buyer" name' -l 'name' -d 'The buyer\'s name as listed.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation remove-buyer" key' -l 'key' -d 'A file holding the buyer\'s OpenSSH public key.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation remove-buyer" key-string' -l 'key-string' -d 'The buyer\'s OpenSSH public key itself.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation remove-buyer" no-push' -l 'no-push' -d 'Do not push to origin.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation remove-buyer" timeout' -l 'timeout' -d 'Stop a transfer with the hub after <seconds> without any data from it (default: JSF_TIMEOUT, else 60; 0: no limit).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf consultation remove-buyer" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf verify" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf verify" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf verify" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf audit-anonymity" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf audit-anonymity" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf audit-anonymity"' -l 'identity' -d 'A company\'s identity file (identity.yml) to look for; repeatable.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf audit-anonymity"' -l 'git-identity' -d 'A git identity to look for, \'Name <email>\'; repeatable.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf audit-anonymity" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf audit-anonymity" -eq 1' -fa '(__jsf_complete_directories)'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf audit-anonymity" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf allowed-signers" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf allowed-signers" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf allowed-signers" o output' -l 'output' -s 'o' -d 'Write to this file instead of standard output.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf allowed-signers"' -l 'role' -d 'Only the keys of this role (repeatable): agent, buyer or company.' -rfka 'agent company buyer'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf allowed-signers" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf repair" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf repair" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf repair" hub' -l 'hub' -d 'Also repair the hub, when it is a path on this machine.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf repair" dry-run' -l 'dry-run' -d 'List what would be removed; remove nothing.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf repair" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf repair" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf hub" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf hub" -eq 1' -fa 'init' -d 'Create a bare hub that refuses what breaks the consultation\'s rules.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf hub init" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf hub init" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf hub init" catalogue' -l 'catalogue' -d 'A catalogue of consultations rather than a consultation.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf hub init" existing' -l 'existing' -d 'Equip an existing bare repository instead of creating one.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf hub init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf catalogue" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf catalogue" -eq 1' -fa 'register' -d 'Write (or rewrite) the consultation\'s entry in a catalogue (agent).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf catalogue register" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf catalogue register" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf catalogue register" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf hook" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf hook" -eq 1' -fa 'pre-receive' -d 'The hub\'s pre-receive hook: read \'<old> <new> <ref>\' lines, refuse the push when one breaks a rule.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf hook pre-receive" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf hook pre-receive" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf hook pre-receive" h help' -s 'h' -l 'help' -d 'Show help information.'
