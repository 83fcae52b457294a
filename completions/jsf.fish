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
        __jsf_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'identity'
            __jsf_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'init'
                __jsf_parse_subcommand 0 'C=' 'color=' 'role=' 'name=' 'organisation=' 'siret=' 'cpv=+' 'departement=+' 'email=' 'phone=' 'website=' 'commit-email=' 'force' 'version' 'h/help'
            case 'show'
                __jsf_parse_subcommand 0 'C=' 'color=' 'json' 'version' 'h/help'
            end
        case 'init'
            __jsf_parse_subcommand 1 'C=' 'color=' 'id=' 'title=' 'buyer=' 'cpv=+' 'territory=+' 'from=' 'hub=' 'procedure=' 'estimated-amount=' 'version' 'h/help'
        case 'check'
            __jsf_parse_subcommand 0 'C=' 'color=' 'json' 'version' 'h/help'
        case 'publish'
            __jsf_parse_subcommand 0 'C=' 'color=' 'm/message=' 'until=' 'no-push' 'version' 'h/help'
        case 'status'
            __jsf_parse_subcommand 0 'C=' 'color=' 'json' 'version' 'h/help'
        case 'log'
            __jsf_parse_subcommand 0 'C=' 'color=' 'json' 'version' 'h/help'
        case 'clauses'
            __jsf_parse_subcommand 0 'C=' 'color=' 'version=' 'json' 'version' 'h/help'
        case 'show'
            __jsf_parse_subcommand 1 'C=' 'color=' 'version=' 'version' 'h/help'
        case 'push'
            __jsf_parse_subcommand 0 'C=' 'color=' 'version' 'h/help'
        case 'help'
            __jsf_parse_subcommand -r 1 'version'
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
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf" version' -l 'version' -d 'Show the version.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'identity' -d 'Create or show who you are: agent, company or buyer.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'init' -d 'Create a consultation: a repository whose main branch holds the CCTP, not yet published.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'check' -d 'Validate the consultation: the working tree and HEAD.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'publish' -d 'Publish the edited CCTP as the next draft (vN) and open its round.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'status' -d 'Show the consultation, your role, the current draft, its round and what is not published yet.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'log' -d 'List the published drafts: date, changelog and number of clauses changed.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'clauses' -d 'Show the clause index (clauses.yml) of a draft, or of HEAD.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'show' -d 'Show the CCTP of a draft, or one clause of it.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'push' -d 'Push the refs your role owns to the hub (origin).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_positional "jsf" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity" version' -l 'version' -d 'Show the version.'
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
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" commit-email' -l 'commit-email' -d 'For an agent or buyer: the address their commits carry (none by default).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" force' -l 'force' -d 'Replace an existing identity (the secret is kept).'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" version' -l 'version' -d 'Show the version.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity show" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity show" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity show" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity show" version' -l 'version' -d 'Show the version.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf identity show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" id' -l 'id' -d 'The consultation id: lowercase letters, digits and hyphens; part of every pseudonym, never changes.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" title' -l 'title' -d 'The title of the consultation.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" buyer' -l 'buyer' -d 'The buying organisation (pouvoir adjudicateur).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init"' -l 'cpv' -d 'A CPV code of the consultation (repeatable), with or without its check digit: 50312000-5.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init"' -l 'territory' -d 'A département (67) or région (region:44) of the territory (repeatable); none means national.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" from' -l 'from' -d 'Start from this Markdown CCTP instead of the scaffold.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" hub' -l 'hub' -d 'The hub: a local path (created bare if absent) or a URL; becomes \'origin\'.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" procedure' -l 'procedure' -d 'Notes on the intended procedure (MAPA, appel d\'offres ouvert, …).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" estimated-amount' -l 'estimated-amount' -d 'Estimated amount in euros, excluding VAT.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" version' -l 'version' -d 'Show the version.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf init" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf check" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf check" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf check" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf check" version' -l 'version' -d 'Show the version.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" m message' -l 'message' -s 'm' -d 'The changelog\'s first line (default: "Version N").' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" until' -l 'until' -d 'When the round closes: 2027-01-15T17:00:00+01:00, or 2027-01-15 (end of that day, local time).' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" no-push' -l 'no-push' -d 'Do not push to origin.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" version' -l 'version' -d 'Show the version.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf publish" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf status" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf status" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf status" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf status" version' -l 'version' -d 'Show the version.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf log" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf log" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf log" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf log" version' -l 'version' -d 'Show the version.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf log" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clauses" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clauses" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clauses" version' -l 'version' -d 'The draft to show (v1, v2, …); default HEAD.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clauses" json' -l 'json' -d 'Print JSON.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clauses" version' -l 'version' -d 'Show the version.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf clauses" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf show" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf show" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf show" version' -l 'version' -d 'The draft to show (v1, v2, …); default HEAD.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf show" version' -l 'version' -d 'Show the version.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf push" C' -s 'C' -d 'Run as if jsf was started in <directory>.' -rfka ''
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf push" color' -l 'color' -d 'Colour the output: auto (on a terminal, unless NO_COLOR is set), always or never.' -rfka 'auto always never'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf push" version' -l 'version' -d 'Show the version.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf push" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'jsf' -n '__jsf_should_offer_completions_for_flags_or_options "jsf help" version' -l 'version' -d 'Show the version.'
