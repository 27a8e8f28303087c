# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_triage_global_optspecs
    string join \n tree= lang= plain transcript= q/query= 1/select-1 set= no-config color= h/help V/version
end

function __fish_triage_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_triage_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_triage_using_subcommand
    set -l cmd (__fish_triage_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c triage -n "__fish_triage_needs_command" -l tree -d 'Tree to use: a file path or the id of a tree in the embedded set or the user\'s trees dir (default: the config file\'s `tree`, else the embedded Azure VM backup tree)' -r
complete -c triage -n "__fish_triage_needs_command" -l lang -d 'Language of the text: en or ko (default: the config file\'s `lang`, else LC_ALL / LC_MESSAGES / LANG)' -r
complete -c triage -n "__fish_triage_needs_command" -l transcript -d 'Write the session\'s Markdown transcript to this file (on `e`, and when the wizard ends)' -r -F
complete -c triage -n "__fish_triage_needs_command" -s q -l query -d 'Start on the search for this text (an error message, a code, a log line): its results are shown first, Enter opens one (not in practice)' -r
complete -c triage -n "__fish_triage_needs_command" -l set -d 'Fill in a placeholder of the commands from the start, e.g. `--set VMName=vm-01` (repeatable), as `show --set` does; `f` still changes it' -r
complete -c triage -n "__fish_triage_needs_command" -l color -d 'Colour the text of `show` and `search`, and the wizard\'s screen: auto (only on a terminal, and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too, whatever NO_COLOR says), never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c triage -n "__fish_triage_needs_command" -l plain -d 'Ask the questions as numbered lines on stdin/stdout (automatic when stdin is not a terminal)'
complete -c triage -n "__fish_triage_needs_command" -s 1 -l select-1 -d 'With --query: when one fix is clearly the answer, open it at once (with the path of answers that leads there), as fzf\'s --select-1 does; otherwise the results are shown'
complete -c triage -n "__fish_triage_needs_command" -l no-config -d 'Ignore the config file (config.ron in the config directory)'
complete -c triage -n "__fish_triage_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c triage -n "__fish_triage_needs_command" -s V -l version -d 'Print version'
complete -c triage -n "__fish_triage_needs_command" -f -a "list" -d 'List every leaf (fix) of the tree: id and title'
complete -c triage -n "__fish_triage_needs_command" -f -a "show" -d 'Print one leaf: error message, cause, numbered steps, commands, links'
complete -c triage -n "__fish_triage_needs_command" -f -a "check" -d 'Validate tree files; exit 1 with file:line:column errors if any is broken'
complete -c triage -n "__fish_triage_needs_command" -f -a "trees" -d 'List the trees: the embedded one and the user\'s (config dir `trees/`, `tree_dirs`)'
complete -c triage -n "__fish_triage_needs_command" -f -a "history" -d 'List past sessions, newest first (kept in the data directory)'
complete -c triage -n "__fish_triage_needs_command" -f -a "resume" -d 'Reopen session N of `triage history` (by default the newest that is not a practice run) where it stopped'
complete -c triage -n "__fish_triage_needs_command" -f -a "practice" -d 'Training: solve real error messages by answering the questions, then see your score'
complete -c triage -n "__fish_triage_needs_command" -f -a "completions" -d 'Print a shell completion script: bash, zsh, fish, elvish or powershell'
complete -c triage -n "__fish_triage_needs_command" -f -a "search" -d 'Find the fix for an error message, a code or your own words (TEXT, or stdin)'
complete -c triage -n "__fish_triage_needs_command" -f -a "eval" -d 'Measure search quality on a query file; exit 1 below the thresholds'
complete -c triage -n "__fish_triage_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c triage -n "__fish_triage_using_subcommand list" -l tree -d 'Tree to use: a file path or the id of a tree in the embedded set or the user\'s trees dir (default: the config file\'s `tree`, else the embedded Azure VM backup tree)' -r
complete -c triage -n "__fish_triage_using_subcommand list" -l lang -d 'Language of the text: en or ko (default: the config file\'s `lang`, else LC_ALL / LC_MESSAGES / LANG)' -r
complete -c triage -n "__fish_triage_using_subcommand list" -l color -d 'Colour the text of `show` and `search`, and the wizard\'s screen: auto (only on a terminal, and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too, whatever NO_COLOR says), never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c triage -n "__fish_triage_using_subcommand list" -l json -d 'Print JSON instead of text'
complete -c triage -n "__fish_triage_using_subcommand list" -l ids -d 'Print the ids alone, one a line (for scripts, and what the shell completions offer after `show`)'
complete -c triage -n "__fish_triage_using_subcommand list" -l no-config -d 'Ignore the config file (config.ron in the config directory)'
complete -c triage -n "__fish_triage_using_subcommand list" -s h -l help -d 'Print help'
complete -c triage -n "__fish_triage_using_subcommand show" -l set -d 'Fill in a placeholder of the commands, e.g. `--set VMName=vm-01` (repeatable; `<VMName>` and `<vm-name>` are one name)' -r
complete -c triage -n "__fish_triage_using_subcommand show" -l tree -d 'Tree to use: a file path or the id of a tree in the embedded set or the user\'s trees dir (default: the config file\'s `tree`, else the embedded Azure VM backup tree)' -r
complete -c triage -n "__fish_triage_using_subcommand show" -l lang -d 'Language of the text: en or ko (default: the config file\'s `lang`, else LC_ALL / LC_MESSAGES / LANG)' -r
complete -c triage -n "__fish_triage_using_subcommand show" -l color -d 'Colour the text of `show` and `search`, and the wizard\'s screen: auto (only on a terminal, and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too, whatever NO_COLOR says), never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c triage -n "__fish_triage_using_subcommand show" -l json -d 'Print JSON instead of text'
complete -c triage -n "__fish_triage_using_subcommand show" -l path -d 'Print the answers that lead to the leaf instead (for trainers)'
complete -c triage -n "__fish_triage_using_subcommand show" -l no-config -d 'Ignore the config file (config.ron in the config directory)'
complete -c triage -n "__fish_triage_using_subcommand show" -s h -l help -d 'Print help'
complete -c triage -n "__fish_triage_using_subcommand check" -l tree -d 'Tree to use: a file path or the id of a tree in the embedded set or the user\'s trees dir (default: the config file\'s `tree`, else the embedded Azure VM backup tree)' -r
complete -c triage -n "__fish_triage_using_subcommand check" -l lang -d 'Language of the text: en or ko (default: the config file\'s `lang`, else LC_ALL / LC_MESSAGES / LANG)' -r
complete -c triage -n "__fish_triage_using_subcommand check" -l color -d 'Colour the text of `show` and `search`, and the wizard\'s screen: auto (only on a terminal, and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too, whatever NO_COLOR says), never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c triage -n "__fish_triage_using_subcommand check" -l stats -d 'Also print depth statistics (answers needed to reach each leaf)'
complete -c triage -n "__fish_triage_using_subcommand check" -l no-config -d 'Ignore the config file (config.ron in the config directory)'
complete -c triage -n "__fish_triage_using_subcommand check" -s h -l help -d 'Print help'
complete -c triage -n "__fish_triage_using_subcommand trees" -l tree -d 'Tree to use: a file path or the id of a tree in the embedded set or the user\'s trees dir (default: the config file\'s `tree`, else the embedded Azure VM backup tree)' -r
complete -c triage -n "__fish_triage_using_subcommand trees" -l lang -d 'Language of the text: en or ko (default: the config file\'s `lang`, else LC_ALL / LC_MESSAGES / LANG)' -r
complete -c triage -n "__fish_triage_using_subcommand trees" -l color -d 'Colour the text of `show` and `search`, and the wizard\'s screen: auto (only on a terminal, and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too, whatever NO_COLOR says), never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c triage -n "__fish_triage_using_subcommand trees" -l json -d 'Print JSON instead of text'
complete -c triage -n "__fish_triage_using_subcommand trees" -l no-config -d 'Ignore the config file (config.ron in the config directory)'
complete -c triage -n "__fish_triage_using_subcommand trees" -s h -l help -d 'Print help'
complete -c triage -n "__fish_triage_using_subcommand history" -l tree -d 'Tree to use: a file path or the id of a tree in the embedded set or the user\'s trees dir (default: the config file\'s `tree`, else the embedded Azure VM backup tree)' -r
complete -c triage -n "__fish_triage_using_subcommand history" -l lang -d 'Language of the text: en or ko (default: the config file\'s `lang`, else LC_ALL / LC_MESSAGES / LANG)' -r
complete -c triage -n "__fish_triage_using_subcommand history" -l color -d 'Colour the text of `show` and `search`, and the wizard\'s screen: auto (only on a terminal, and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too, whatever NO_COLOR says), never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c triage -n "__fish_triage_using_subcommand history" -l json -d 'Print JSON instead of text'
complete -c triage -n "__fish_triage_using_subcommand history" -l no-config -d 'Ignore the config file (config.ron in the config directory)'
complete -c triage -n "__fish_triage_using_subcommand history" -s h -l help -d 'Print help'
complete -c triage -n "__fish_triage_using_subcommand resume" -l transcript -d 'Write the session\'s Markdown transcript to this file (on `e`, and when the wizard ends)' -r -F
complete -c triage -n "__fish_triage_using_subcommand resume" -s q -l query -d 'Start on the search for this text (an error message, a code, a log line): its results are shown first, Enter opens one (not in practice)' -r
complete -c triage -n "__fish_triage_using_subcommand resume" -l set -d 'Fill in a placeholder of the commands from the start, e.g. `--set VMName=vm-01` (repeatable), as `show --set` does; `f` still changes it' -r
complete -c triage -n "__fish_triage_using_subcommand resume" -l tree -d 'Tree to use: a file path or the id of a tree in the embedded set or the user\'s trees dir (default: the config file\'s `tree`, else the embedded Azure VM backup tree)' -r
complete -c triage -n "__fish_triage_using_subcommand resume" -l lang -d 'Language of the text: en or ko (default: the config file\'s `lang`, else LC_ALL / LC_MESSAGES / LANG)' -r
complete -c triage -n "__fish_triage_using_subcommand resume" -l color -d 'Colour the text of `show` and `search`, and the wizard\'s screen: auto (only on a terminal, and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too, whatever NO_COLOR says), never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c triage -n "__fish_triage_using_subcommand resume" -l plain -d 'Ask the questions as numbered lines on stdin/stdout (automatic when stdin is not a terminal)'
complete -c triage -n "__fish_triage_using_subcommand resume" -s 1 -l select-1 -d 'With --query: when one fix is clearly the answer, open it at once (with the path of answers that leads there), as fzf\'s --select-1 does; otherwise the results are shown'
complete -c triage -n "__fish_triage_using_subcommand resume" -l no-config -d 'Ignore the config file (config.ron in the config directory)'
complete -c triage -n "__fish_triage_using_subcommand resume" -s h -l help -d 'Print help'
complete -c triage -n "__fish_triage_using_subcommand practice" -l count -d 'Number of rounds' -r
complete -c triage -n "__fish_triage_using_subcommand practice" -l seed -d 'Seed for a reproducible set of rounds (default: random)' -r
complete -c triage -n "__fish_triage_using_subcommand practice" -l transcript -d 'Write the session\'s Markdown transcript to this file (on `e`, and when the wizard ends)' -r -F
complete -c triage -n "__fish_triage_using_subcommand practice" -s q -l query -d 'Start on the search for this text (an error message, a code, a log line): its results are shown first, Enter opens one (not in practice)' -r
complete -c triage -n "__fish_triage_using_subcommand practice" -l set -d 'Fill in a placeholder of the commands from the start, e.g. `--set VMName=vm-01` (repeatable), as `show --set` does; `f` still changes it' -r
complete -c triage -n "__fish_triage_using_subcommand practice" -l tree -d 'Tree to use: a file path or the id of a tree in the embedded set or the user\'s trees dir (default: the config file\'s `tree`, else the embedded Azure VM backup tree)' -r
complete -c triage -n "__fish_triage_using_subcommand practice" -l lang -d 'Language of the text: en or ko (default: the config file\'s `lang`, else LC_ALL / LC_MESSAGES / LANG)' -r
complete -c triage -n "__fish_triage_using_subcommand practice" -l color -d 'Colour the text of `show` and `search`, and the wizard\'s screen: auto (only on a terminal, and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too, whatever NO_COLOR says), never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c triage -n "__fish_triage_using_subcommand practice" -l plain -d 'Ask the questions as numbered lines on stdin/stdout (automatic when stdin is not a terminal)'
complete -c triage -n "__fish_triage_using_subcommand practice" -s 1 -l select-1 -d 'With --query: when one fix is clearly the answer, open it at once (with the path of answers that leads there), as fzf\'s --select-1 does; otherwise the results are shown'
complete -c triage -n "__fish_triage_using_subcommand practice" -l no-config -d 'Ignore the config file (config.ron in the config directory)'
complete -c triage -n "__fish_triage_using_subcommand practice" -s h -l help -d 'Print help'
complete -c triage -n "__fish_triage_using_subcommand completions" -l tree -d 'Tree to use: a file path or the id of a tree in the embedded set or the user\'s trees dir (default: the config file\'s `tree`, else the embedded Azure VM backup tree)' -r
complete -c triage -n "__fish_triage_using_subcommand completions" -l lang -d 'Language of the text: en or ko (default: the config file\'s `lang`, else LC_ALL / LC_MESSAGES / LANG)' -r
complete -c triage -n "__fish_triage_using_subcommand completions" -l color -d 'Colour the text of `show` and `search`, and the wizard\'s screen: auto (only on a terminal, and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too, whatever NO_COLOR says), never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c triage -n "__fish_triage_using_subcommand completions" -l no-config -d 'Ignore the config file (config.ron in the config directory)'
complete -c triage -n "__fish_triage_using_subcommand completions" -s h -l help -d 'Print help'
complete -c triage -n "__fish_triage_using_subcommand search" -l top -d 'How many results to show' -r
complete -c triage -n "__fish_triage_using_subcommand search" -l tree -d 'Tree to use: a file path or the id of a tree in the embedded set or the user\'s trees dir (default: the config file\'s `tree`, else the embedded Azure VM backup tree)' -r
complete -c triage -n "__fish_triage_using_subcommand search" -l lang -d 'Language of the text: en or ko (default: the config file\'s `lang`, else LC_ALL / LC_MESSAGES / LANG)' -r
complete -c triage -n "__fish_triage_using_subcommand search" -l color -d 'Colour the text of `show` and `search`, and the wizard\'s screen: auto (only on a terminal, and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too, whatever NO_COLOR says), never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c triage -n "__fish_triage_using_subcommand search" -l json -d 'Print JSON instead of text'
complete -c triage -n "__fish_triage_using_subcommand search" -l no-config -d 'Ignore the config file (config.ron in the config directory)'
complete -c triage -n "__fish_triage_using_subcommand search" -s h -l help -d 'Print help'
complete -c triage -n "__fish_triage_using_subcommand eval" -l top-k -d 'A query counts as found when a right leaf is in the first K results' -r
complete -c triage -n "__fish_triage_using_subcommand eval" -l min-top1 -d 'Fail when top-1 accuracy is below X (0 to 1)' -r
complete -c triage -n "__fish_triage_using_subcommand eval" -l min-top3 -d 'Fail when top-K accuracy is below Y (0 to 1)' -r
complete -c triage -n "__fish_triage_using_subcommand eval" -l min-kind-top1 -d 'Fail when any kind\'s top-1 accuracy is below Z (0 to 1)' -r
complete -c triage -n "__fish_triage_using_subcommand eval" -l tree -d 'Tree to use: a file path or the id of a tree in the embedded set or the user\'s trees dir (default: the config file\'s `tree`, else the embedded Azure VM backup tree)' -r
complete -c triage -n "__fish_triage_using_subcommand eval" -l lang -d 'Language of the text: en or ko (default: the config file\'s `lang`, else LC_ALL / LC_MESSAGES / LANG)' -r
complete -c triage -n "__fish_triage_using_subcommand eval" -l color -d 'Colour the text of `show` and `search`, and the wizard\'s screen: auto (only on a terminal, and not with NO_COLOR set, TERM=dumb or a monochrome TERM), always (into a pipe too, whatever NO_COLOR says), never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c triage -n "__fish_triage_using_subcommand eval" -l no-config -d 'Ignore the config file (config.ron in the config directory)'
complete -c triage -n "__fish_triage_using_subcommand eval" -s h -l help -d 'Print help'
complete -c triage -n "__fish_triage_using_subcommand help; and not __fish_seen_subcommand_from list show check trees history resume practice completions search eval help" -f -a "list" -d 'List every leaf (fix) of the tree: id and title'
complete -c triage -n "__fish_triage_using_subcommand help; and not __fish_seen_subcommand_from list show check trees history resume practice completions search eval help" -f -a "show" -d 'Print one leaf: error message, cause, numbered steps, commands, links'
complete -c triage -n "__fish_triage_using_subcommand help; and not __fish_seen_subcommand_from list show check trees history resume practice completions search eval help" -f -a "check" -d 'Validate tree files; exit 1 with file:line:column errors if any is broken'
complete -c triage -n "__fish_triage_using_subcommand help; and not __fish_seen_subcommand_from list show check trees history resume practice completions search eval help" -f -a "trees" -d 'List the trees: the embedded one and the user\'s (config dir `trees/`, `tree_dirs`)'
complete -c triage -n "__fish_triage_using_subcommand help; and not __fish_seen_subcommand_from list show check trees history resume practice completions search eval help" -f -a "history" -d 'List past sessions, newest first (kept in the data directory)'
complete -c triage -n "__fish_triage_using_subcommand help; and not __fish_seen_subcommand_from list show check trees history resume practice completions search eval help" -f -a "resume" -d 'Reopen session N of `triage history` (by default the newest that is not a practice run) where it stopped'
complete -c triage -n "__fish_triage_using_subcommand help; and not __fish_seen_subcommand_from list show check trees history resume practice completions search eval help" -f -a "practice" -d 'Training: solve real error messages by answering the questions, then see your score'
complete -c triage -n "__fish_triage_using_subcommand help; and not __fish_seen_subcommand_from list show check trees history resume practice completions search eval help" -f -a "completions" -d 'Print a shell completion script: bash, zsh, fish, elvish or powershell'
complete -c triage -n "__fish_triage_using_subcommand help; and not __fish_seen_subcommand_from list show check trees history resume practice completions search eval help" -f -a "search" -d 'Find the fix for an error message, a code or your own words (TEXT, or stdin)'
complete -c triage -n "__fish_triage_using_subcommand help; and not __fish_seen_subcommand_from list show check trees history resume practice completions search eval help" -f -a "eval" -d 'Measure search quality on a query file; exit 1 below the thresholds'
complete -c triage -n "__fish_triage_using_subcommand help; and not __fish_seen_subcommand_from list show check trees history resume practice completions search eval help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'

# The ids of the fixes of the tree in use, for `triage show`: asked of triage itself
# (`triage list --ids`), with the line's `--tree` and `--no-config`, so the user's trees too.
function __fish_triage_leaf_ids
    set -l tokens (commandline -opc)
    set -l args
    set -l i 2
    while test $i -le (count $tokens)
        switch $tokens[$i]
            case --no-config
                set -a args --no-config
            case --tree
                set i (math $i + 1)
                test $i -le (count $tokens)
                and set -a args --tree (string replace -r '^~/' "$HOME/" -- $tokens[$i])
            case '--tree=*'
                set -a args --tree (string replace -r '^--tree=~/' "$HOME/" -- $tokens[$i] | string replace -r '^--tree=' '')
        end
        set i (math $i + 1)
    end
    command triage $args list --ids 2>/dev/null
end

function __fish_triage_completing_leaf_id
    __fish_triage_using_subcommand show
    or return 1
    set -l tokens (commandline -opc)
    not contains -- $tokens[-1] --tree --lang --set --color
end

complete -c triage -n "__fish_triage_completing_leaf_id" -f -a "(__fish_triage_leaf_ids)" -d 'Leaf id'
