#!/bin/bash

__jsf_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__jsf_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__jsf_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__jsf_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_jsf() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(-h --help)
    local -a repeating_options=()
    local -a non_repeating_options=(-C --color)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    identity|init|check|publish|status|log|clauses|show|discover|clone|propose|withdraw|consent|inbox|comment|revise|diff|round|fetch|push|approve|participants|import|export|report|consultation|verify|audit-anonymity|allowed-signers|repair|hub|catalogue|hook|help)
        # Offer subcommand argument completions
        "_jsf_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'identity init check publish status log clauses show discover clone propose withdraw consent inbox comment revise diff round fetch push approve participants import export report consultation verify audit-anonymity allowed-signers repair hub catalogue hook help' -- "${cur}"))
        ;;
    esac
}

_jsf_identity() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=()
    __jsf_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    init|show)
        # Offer subcommand argument completions
        "_jsf_identity_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'init show' -- "${cur}"))
        ;;
    esac
}

_jsf_identity_init() {
    repeating_flags=()
    non_repeating_flags=(--force -h --help)
    repeating_options=(--cpv --departement)
    non_repeating_options=(-C --color --role --name --organisation --siret --email --phone --website --address --postal-code --city --commit-email --ssh-key)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--role')
        __jsf_add_completions -W 'agent'$'\n''company'$'\n''buyer'
        return
        ;;
    '--name')
        return
        ;;
    '--organisation')
        return
        ;;
    '--siret')
        return
        ;;
    '--cpv')
        return
        ;;
    '--departement')
        return
        ;;
    '--email')
        return
        ;;
    '--phone')
        return
        ;;
    '--website')
        return
        ;;
    '--address')
        return
        ;;
    '--postal-code')
        return
        ;;
    '--city')
        return
        ;;
    '--commit-email')
        return
        ;;
    '--ssh-key')
        return
        ;;
    esac
}

_jsf_identity_show() {
    repeating_flags=()
    non_repeating_flags=(--json -h --help)
    repeating_options=()
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_jsf_init() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=(--cpv --territory)
    non_repeating_options=(-C --color --id --title --buyer --from --hub --procedure --estimated-amount --time-zone)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--id')
        return
        ;;
    '--title')
        return
        ;;
    '--buyer')
        return
        ;;
    '--cpv')
        return
        ;;
    '--territory')
        return
        ;;
    '--from')
        return
        ;;
    '--hub')
        return
        ;;
    '--procedure')
        return
        ;;
    '--estimated-amount')
        return
        ;;
    '--time-zone')
        return
        ;;
    esac
}

_jsf_check() {
    repeating_flags=()
    non_repeating_flags=(--json -h --help)
    repeating_options=()
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_jsf_publish() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --allow-removing-all --no-push -h --help)
    repeating_options=(--integrates)
    non_repeating_options=(-C --color --message -m --until --timeout --catalogue)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--message'|'-m')
        return
        ;;
    '--until')
        return
        ;;
    '--integrates')
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion publish -- --integrates "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    '--timeout')
        return
        ;;
    '--catalogue')
        return
        ;;
    esac
}

_jsf_status() {
    repeating_flags=()
    non_repeating_flags=(--json -h --help)
    repeating_options=()
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_jsf_log() {
    repeating_flags=()
    non_repeating_flags=(--json --keys -h --help)
    repeating_options=()
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_jsf_clauses() {
    repeating_flags=()
    non_repeating_flags=(--json -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --version)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--version')
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion clauses -- --version "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_jsf_show() {
    repeating_flags=()
    non_repeating_flags=(--own --json -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --version)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--version')
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion show -- --version "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion show -- positional@0 "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_jsf_discover() {
    repeating_flags=()
    non_repeating_flags=(--all --json -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --timeout)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_jsf_clone() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=(-C --color --timeout --agent-key)
    __jsf_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--timeout')
        return
        ;;
    '--agent-key')
        return
        ;;
    esac
}

_jsf_propose() {
    repeating_flags=()
    non_repeating_flags=(--allow-identifying --confidential -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --kind --cost --estimate --message -m -F --text-file --weight --weights --amend)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--kind')
        __jsf_add_completions -W 'solution'$'\n''clarification'$'\n''alternative'
        return
        ;;
    '--cost')
        __jsf_add_completions -W 'up'$'\n''down'$'\n''neutral'$'\n''unknown'
        return
        ;;
    '--estimate')
        return
        ;;
    '--message'|'-m')
        return
        ;;
    '-F')
        return
        ;;
    '--text-file')
        return
        ;;
    '--weight')
        return
        ;;
    '--weights')
        return
        ;;
    '--amend')
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion propose -- --amend "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion propose -- positional@0 "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_jsf_withdraw() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion withdraw -- positional@0 "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_jsf_consent() {
    repeating_flags=()
    non_repeating_flags=(--share -h --help)
    repeating_options=()
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion consent -- positional@0 "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_jsf_inbox() {
    repeating_flags=()
    non_repeating_flags=(--mine --outdated --json -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --clause --kind --cost --status --round)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--clause')
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion inbox -- --clause "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    '--kind')
        __jsf_add_completions -W 'solution'$'\n''clarification'$'\n''alternative'
        return
        ;;
    '--cost')
        __jsf_add_completions -W 'up'$'\n''down'$'\n''neutral'$'\n''unknown'
        return
        ;;
    '--status')
        return
        ;;
    '--round')
        return
        ;;
    esac
}

_jsf_comment() {
    repeating_flags=()
    non_repeating_flags=(--erratum --dry-run --no-push -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --message -m -F --status --signed-by --timeout)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--message'|'-m')
        return
        ;;
    '-F')
        return
        ;;
    '--status')
        __jsf_add_completions -W 'answered'$'\n''accepted'$'\n''partially-accepted'$'\n''rejected'$'\n''noted'$'\n''integrated'
        return
        ;;
    '--signed-by')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion comment -- positional@0 "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_jsf_revise() {
    repeating_flags=()
    non_repeating_flags=(--json -h --help)
    repeating_options=(--apply)
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--apply')
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion revise -- --apply "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_jsf_diff() {
    repeating_flags=()
    non_repeating_flags=(--json -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --clause)
    __jsf_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--clause')
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion diff -- --clause "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion diff -- positional@0 "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    2)
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion diff -- positional@1 "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_jsf_round() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=()
    __jsf_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    close)
        # Offer subcommand argument completions
        "_jsf_round_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'close' -- "${cur}"))
        ;;
    esac
}

_jsf_round_close() {
    repeating_flags=()
    non_repeating_flags=(--no-push -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --timeout)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_jsf_fetch() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=(-C --color --timeout)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_jsf_push() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=(-C --color --timeout)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_jsf_approve() {
    repeating_flags=()
    non_repeating_flags=(--yes -y --no-push -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --message -m --timeout)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--message'|'-m')
        return
        ;;
    '--timeout')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion approve -- positional@0 "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_jsf_participants() {
    repeating_flags=()
    non_repeating_flags=(--json --reveal --no-push -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --sirene --timeout)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--sirene')
        __jsf_add_completions -o plusdirs -fX '!*.@(csv)'
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_jsf_import() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=(-C --color --into)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--into')
        return
        ;;
    esac
}

_jsf_export() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=(-C --color --format --output -o --reference-doc --template)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--format')
        __jsf_add_completions -W 'odt'$'\n''docx'$'\n''pdf'$'\n''html'$'\n''md'
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--reference-doc')
        __jsf_add_completions -o plusdirs -fX '!*.@(docx|odt)'
        return
        ;;
    '--template')
        __jsf_add_completions -f
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion export -- positional@0 "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    esac
}

_jsf_report() {
    repeating_flags=()
    non_repeating_flags=(--json -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --version --html --md --pdf --lang --audience)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--version')
        __jsf_add_completions -W "$(__jsf_custom_complete ---completion report -- --version "${COMP_CWORD}" "$(__jsf_cursor_index_in_current_word)")"
        return
        ;;
    '--html')
        return
        ;;
    '--md')
        return
        ;;
    '--pdf')
        return
        ;;
    '--lang')
        __jsf_add_completions -W 'fr'$'\n''en'
        return
        ;;
    '--audience')
        __jsf_add_completions -W 'public'$'\n''internal'
        return
        ;;
    esac
}

_jsf_consultation() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=()
    __jsf_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add-buyer|remove-buyer)
        # Offer subcommand argument completions
        "_jsf_consultation_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add-buyer remove-buyer' -- "${cur}"))
        ;;
    esac
}

_jsf_consultation_add-buyer() {
    repeating_flags=()
    non_repeating_flags=(--no-push -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --name --key --key-string --timeout --encryption-key)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--name')
        return
        ;;
    '--key')
        return
        ;;
    '--key-string')
        return
        ;;
    '--timeout')
        return
        ;;
    '--encryption-key')
        return
        ;;
    esac
}

_jsf_consultation_remove-buyer() {
    repeating_flags=()
    non_repeating_flags=(--no-push -h --help)
    repeating_options=()
    non_repeating_options=(-C --color --name --key --key-string --timeout)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--name')
        return
        ;;
    '--key')
        return
        ;;
    '--key-string')
        return
        ;;
    '--timeout')
        return
        ;;
    esac
}

_jsf_verify() {
    repeating_flags=()
    non_repeating_flags=(--json -h --help)
    repeating_options=()
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_jsf_audit-anonymity() {
    repeating_flags=()
    non_repeating_flags=(--json -h --help)
    repeating_options=(--identity --git-identity)
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--identity')
        return
        ;;
    '--git-identity')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __jsf_add_completions -d
        return
        ;;
    esac
}

_jsf_allowed-signers() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=(--role)
    non_repeating_options=(-C --color --output -o)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    '--output'|'-o')
        return
        ;;
    '--role')
        __jsf_add_completions -W 'agent'$'\n''company'$'\n''buyer'
        return
        ;;
    esac
}

_jsf_repair() {
    repeating_flags=()
    non_repeating_flags=(--hub --dry-run --json -h --help)
    repeating_options=()
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_jsf_hub() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=()
    __jsf_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    init)
        # Offer subcommand argument completions
        "_jsf_hub_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'init' -- "${cur}"))
        ;;
    esac
}

_jsf_hub_init() {
    repeating_flags=()
    non_repeating_flags=(--catalogue --existing -h --help)
    repeating_options=()
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_jsf_catalogue() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=()
    __jsf_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    register)
        # Offer subcommand argument completions
        "_jsf_catalogue_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'register' -- "${cur}"))
        ;;
    esac
}

_jsf_catalogue_register() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_jsf_hook() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=()
    __jsf_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    pre-receive)
        # Offer subcommand argument completions
        "_jsf_hook_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'pre-receive' -- "${cur}"))
        ;;
    esac
}

_jsf_hook_pre-receive() {
    repeating_flags=()
    non_repeating_flags=(-h --help)
    repeating_options=()
    non_repeating_options=(-C --color)
    __jsf_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-C')
        return
        ;;
    '--color')
        __jsf_add_completions -W 'auto'$'\n''always'$'\n''never'
        return
        ;;
    esac
}

_jsf_help() {
    :
}

complete -o filenames -F _jsf jsf
