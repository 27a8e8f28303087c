//! Every piece of user-visible text that is not in a tree, one table per language.

use crate::tree::Lang;

/// The words of a Markdown transcript.
pub struct TranscriptWords {
    pub tree: &'static str,
    pub language: &'static str,
    pub started: &'static str,
    pub ended: &'static str,
    pub session: &'static str,
    pub went_back: &'static str,
    pub restarted: &'static str,
    pub searched: &'static str,
    pub top: &'static str,
    pub reached: &'static str,
    pub from_search: &'static str,
    /// A fix opened from another's "See also": `{leaf}` is that fix's id.
    pub from_see_also: &'static str,
    pub copied: &'static str,
    pub no_answers: &'static str,
    /// A session reopened with `triage resume`: "resumed at `node` (time)".
    pub resumed: &'static str,
    pub fix: &'static str,
    /// The heading for a session that ended on a question (no fix reached yet).
    pub not_finished: &'static str,
    /// Under it: `{question}`, where it stopped (id and text).
    pub stopped_at: &'static str,
    /// How the next shift goes on from there.
    pub resume_hint: &'static str,
    /// The heading of a practice run's rounds, before its score.
    pub practice: &'static str,
    /// One round: `{verdict}` (ok/miss), `{target}` and `{title}` (the fix asked for),
    /// `{reached}` (where the trainee ended), `{answers}`, `{shortest}`, and `{back}`: ", " and
    /// the answers taken back (`practice_back_note`), or nothing.
    pub practice_round: (&'static str, &'static str),
    /// A practice round's heading: `{n}` of `{count}`.
    pub practice_round_heading: &'static str,
}

/// The command line's own messages (errors, notes, summaries). Placeholders in braces are filled
/// with `fill`; counts are (one, many) pairs with `{n}`.
pub struct CliWords {
    /// `{lang}`: what was given to `--lang`.
    pub unknown_language: &'static str,
    /// `{tree}`: what was asked; `{known}`: the trees there are.
    pub unknown_tree: &'static str,
    /// The same, when `{ids}` are close to what was asked (a typo).
    pub unknown_tree_close: &'static str,
    /// Another file `{path}` has the tree id `{tree}` asked for, and `{used}` is used: valid
    /// (it lost the id to the first in name order), or broken (`{problem}`: where and why).
    pub tree_id_hidden: &'static str,
    pub tree_id_hidden_broken: &'static str,
    /// `{id}`: the id asked for; `{tree}`: the tree's id.
    pub unknown_leaf: &'static str,
    /// `show --set` names a placeholder `{name}` no command of leaf `{id}` has.
    pub set_unused: &'static str,
    /// After `set_unused` when no name is close: the fix's placeholders.
    pub set_names_are: &'static str,
    /// `show` given an error code that several leaves list.
    pub code_of_leaves: &'static str,
    /// `{ids}`: the closest ids.
    pub did_you_mean: &'static str,
    pub see_every_id: &'static str,
    /// `{file}`.
    pub cannot_read: &'static str,
    pub cannot_read_file: &'static str,
    pub help_check_path: &'static str,
    pub help_check_permissions: &'static str,
    pub help_check_readable: &'static str,
    /// `{file}`.
    pub cannot_write: &'static str,
    /// `{file}`.
    pub wrote: &'static str,
    /// `{name}`: the file; `{counts}`: what it holds.
    pub check_ok: &'static str,
    pub count_leaves: (&'static str, &'static str),
    pub count_questions: (&'static str, &'static str),
    pub count_errors: (&'static str, &'static str),
    pub count_answers: (&'static str, &'static str),
    pub no_reachable_leaves: &'static str,
    /// `{average}`, `{max}`.
    pub depth_summary: &'static str,
    /// `{answers}`: the depth; `{leaves}`: how many leaves are that deep.
    pub depth_row: &'static str,
    /// `check DIR` where DIR holds no `.ron` file.
    pub no_trees_in_dir: &'static str,
    pub deepest: &'static str,
    pub embedded: &'static str,
    pub no_data_dir: &'static str,
    /// `{file}`, `{reason}`.
    pub skipped: &'static str,
    /// `{dir}`.
    pub no_sessions: &'static str,
    /// Before the question a session stopped at.
    pub stopped_at: &'static str,
    /// A session that only searched: its last query.
    pub searched: &'static str,
    /// A practice run in the history, instead of where it stopped: `{right}` of `{rounds}`.
    pub practice_run: &'static str,
    /// The same for a retry run (the rounds an earlier run did not get right).
    pub practice_retry_run: &'static str,
    /// `{n}`.
    pub no_session: &'static str,
    pub search_no_text: &'static str,
    /// Standard input that is no text (a file of bytes piped by mistake).
    pub search_binary: &'static str,
    pub cannot_read_stdin: &'static str,
    pub nothing_to_search: &'static str,
    /// `{kib}`.
    pub query_cut: &'static str,
    pub nothing_matches: &'static str,
    /// `{file}`.
    pub not_a_query_file: &'static str,
    pub eval_failed: &'static str,
    pub terminal_error: &'static str,
    pub warning: &'static str,
    /// `{place}`: " at file:line" or nothing; `{what}`: the panic message.
    pub crashed: &'static str,
    pub no_such_file: &'static str,
    pub permission_denied: &'static str,
    /// Before the reason stdout could not be written (a full disk).
    pub cannot_write_output: &'static str,
    /// `{dir}`: the data directory, which is a file (or another non-directory).
    pub data_dir_not_dir: &'static str,
    /// `{dir}`: the current directory, which is not the triage source tree.
    pub gen_assets_elsewhere: &'static str,
    /// `resume --tree` with another tree: `{n}`, `{want}` (the session's tree), `{got}`.
    pub resume_other_tree: &'static str,
    /// `{n}`, `{tree}`, `{file}`: the session's tree file, no longer there.
    pub resume_tree_gone: &'static str,
    /// `{n}`, `{tree}`, `{file}`, `{found}`: the tree id the file holds now.
    pub resume_tree_changed: &'static str,
    pub practice_no_targets: &'static str,
    /// `triage practice --query`: refused.
    pub practice_query: &'static str,
    /// `resume` of a practice run: `{n}`, `{score}` ("1/5"), `{again}` (the command).
    pub resume_practice: &'static str,
    /// The same of a retry run (the rounds an earlier run did not get right): `{again}`
    /// practises the run it retried.
    pub resume_practice_retry: &'static str,
    /// `resume` with no number when the history holds practice runs only.
    pub resume_only_practice: &'static str,
    /// `show` given a question's id: `{id}`, `{tree}`, `{list}` (the command listing the fixes).
    pub question_not_leaf: &'static str,
    /// After the error of a config file that cannot be used: the run goes on with the defaults.
    pub config_ignored: &'static str,
    /// A `tree_dirs` entry not searched: `{dir}`, `{config}` (the config file), `{reason}`.
    pub tree_dir_skipped: &'static str,
    pub not_a_directory: &'static str,
    /// Before the tree files that could not be loaded (when a tree id is unknown).
    pub trees_not_loaded: (&'static str, &'static str),
    /// `--tree DIR`: `{dir}`, `{check}` (the command that checks the trees in it).
    pub tree_is_directory: &'static str,
    /// `resume` of a session whose tree file is gone, on the tree of that id found elsewhere:
    /// `{n}`, `{file}`, `{tree}`, `{found}` (a file, or `built_in_tree`).
    pub resume_tree_moved: &'static str,
    pub built_in_tree: &'static str,
}

/// The program's own words (the tree brings the rest).
pub struct Strings {
    pub transcript: TranscriptWords,
    pub cli: CliWords,
    pub cause: &'static str,
    pub error_message: &'static str,
    pub steps: &'static str,
    pub commands: &'static str,
    pub links: &'static str,
    pub applies_to: &'static str,
    pub any_os: &'static str,
    pub error_codes: &'static str,
    pub see_also: &'static str,
    pub path_heading: &'static str,
    pub start_of_tree: &'static str,
    pub why_we_ask: &'static str,
    pub none_fits: &'static str,
    pub search_title: &'static str,
    pub search_prompt: &'static str,
    pub search_no_match: &'static str,
    pub search_weak_match: &'static str,
    /// The best result is good but the next one nearly as good.
    pub search_close_call: &'static str,
    /// A close call with only one result shown (`--top 1`).
    pub search_close_call_one: &'static str,
    /// The query gives an error code the tree does not list ({code}).
    pub search_unknown_code: &'static str,
    /// Above the results of a search that names a topic the tree does not cover: `{topic}`.
    pub search_not_covered: &'static str,
    /// Under it, where to read instead: `{title}`, `{url}`.
    pub search_not_covered_link: &'static str,
    /// Plain mode: `?` on a search that is not a close call.
    pub plain_no_split: &'static str,
    /// Plain mode: `NAME=VALUE` for a placeholder `{name}` no command of the fix has.
    pub plain_no_placeholder: &'static str,
    /// Plain mode, under a fix whose commands have placeholders without a value: `{names}`.
    pub plain_fill_hint: &'static str,
    /// The fill-in form's title, above the command.
    pub fill_title: &'static str,
    /// Its key hint.
    pub fill_hint: &'static str,
    /// On a command label: `f` fills in its placeholders.
    pub fill_label: &'static str,
    /// `f` with no command selected.
    pub fill_no_command: &'static str,
    /// `f` on a command without placeholders.
    pub fill_nothing: &'static str,
    /// `f` on a command without placeholders moved to the fix's next command with some.
    pub fill_next: &'static str,
    /// `r` started over; Backspace goes back.
    pub restarted: &'static str,
    /// The same in plain mode, where `b` goes back.
    pub plain_restarted: &'static str,
    /// Plain mode: `b` where there is no step to go back (the first question, a verdict).
    pub plain_nothing_back: &'static str,
    /// After the form: every placeholder of the command has a value.
    pub fill_done: &'static str,
    /// After copying a command that still has placeholders `{names}`.
    pub copied_blanks: &'static str,
    /// Ctrl-Z where the shell ignores the stop signal (`cmd=$(triage)`).
    pub suspend_ignored: &'static str,
    /// Characters a value may not hold: `{chars}`, each quoted.
    pub fill_refused: &'static str,
    /// After the form: `{names}` still have none.
    pub fill_missing: &'static str,
    /// `{question}`: the question that tells the first two results of a close call apart.
    pub split_question: &'static str,
    /// `{answer}` leads to leaf `{id}`.
    pub split_answer: &'static str,
    /// Under a close call's notice in the search box: Tab asks `{question}`.
    pub split_hint: &'static str,
    /// Plain mode's [`Strings::split_hint`]: `?` asks `{question}`.
    pub plain_split_hint: &'static str,
    /// On the question Tab opened: answer `{na}` leads to leaf `{a}`, answer `{nb}` to `{b}`.
    pub split_status: &'static str,
    pub help_title: &'static str,
    /// `{size}`: the terminal's, columns x rows.
    pub too_small: &'static str,
    /// After a copy, before what was copied ("Copied: sestatus").
    pub copied: &'static str,
    /// As `copied`, inside tmux when its `set-clipboard` is not on (tmux then drops the copy
    /// unless it passes it through): `tmux_hint` follows what was copied when there is room.
    pub copied_tmux: &'static str,
    pub tmux_hint: &'static str,
    pub copy_refused: &'static str,
    pub link_copy_refused: &'static str,
    pub nothing_selected: &'static str,
    pub will_print: &'static str,
    pub will_not_print: &'static str,
    pub no_command: &'static str,
    pub transcript_written: &'static str,
    pub transcript_failed: &'static str,
    /// Why `--transcript FILE` is refused before the wizard starts.
    pub transcript_no_folder: &'static str,
    /// `e` while `--transcript` names the terminal the wizard is drawn on, or a pipe.
    pub transcript_on_quit: &'static str,
    pub quit_hint: &'static str,
    /// Esc pressed again right after an Esc closed a box: it does not quit.
    pub esc_again: &'static str,
    /// Esc right after `f` found nothing to fill (no form opened).
    pub esc_nothing_open: &'static str,
    /// A paste into the search box that is binary data (see `text::looks_binary`).
    pub paste_binary: &'static str,
    pub help_hint: &'static str,
    pub copy_label: &'static str,
    pub open_label: &'static str,
    pub see_also_not_a_command: &'static str,
    pub see_also_missing: &'static str,
    pub leaf_hint: &'static str,
    pub question_hint: &'static str,
    pub question_hint_short: &'static str,
    pub leaf_hint_short: &'static str,
    pub no_such_answer: &'static str,
    pub search_hint: &'static str,
    pub paste_cut: &'static str,
    /// A paste into the search box cut to its end.
    pub paste_cut_end: &'static str,
    /// A key typed into a full search box.
    pub query_full: &'static str,
    pub practice_no_search: &'static str,
    pub practice_banner: &'static str,
    /// The question screen's hints in practice (search is off there).
    pub practice_question_hint: &'static str,
    pub practice_question_hint_short: &'static str,
    /// As `practice_question_hint`, when the message to solve is longer than its rows: PgDn and
    /// PgUp scroll it.
    pub practice_question_hint_scroll: &'static str,
    pub practice_question_hint_scroll_short: &'static str,
    pub practice_correct: &'static str,
    /// Right with another fix that quotes the same message.
    pub practice_same_message: &'static str,
    pub practice_wrong: &'static str,
    pub practice_reached: &'static str,
    pub practice_fix: &'static str,
    pub practice_shortest: &'static str,
    pub practice_wrong_turns: &'static str,
    /// At a wrong turn: the answer the trainee gave, and the one toward the fix.
    pub practice_you_answered: &'static str,
    pub practice_right_answer: &'static str,
    pub practice_next: &'static str,
    pub practice_to_score: &'static str,
    pub practice_score: &'static str,
    pub practice_done: &'static str,
    /// The score's footer when it lists rounds: select one, open its verdict, retry; the short
    /// form for a narrow screen.
    pub practice_score_hint: &'static str,
    pub practice_score_hint_short: &'static str,
    /// The footer of a round's verdict opened again from the score.
    pub practice_review_hint: &'static str,
    /// The breadcrumb's last part on a round's verdict opened again: round `{n}` of `{count}`.
    pub practice_review_crumb: &'static str,
    /// `r` on the score when no round played was missed or close.
    pub practice_nothing_to_retry: &'static str,
    /// `r` on the score: a new run of the `{n}` rounds not right begins.
    pub practice_retrying: (&'static str, &'static str),
    /// After a retry run's score: it is one; printed on quit, with the `{seed}` of the run it
    /// retried.
    pub practice_retry: &'static str,
    pub practice_retry_of: &'static str,
    /// A round on the score: right or not (the score's list, the printout, the transcript).
    pub practice_ok: &'static str,
    pub practice_miss: &'static str,
    /// After the score of a run ended early: `{played}` rounds of the `{count}` planned (one,
    /// many: by `{count}`).
    pub practice_ended_early: (&'static str, &'static str),
    /// After the score of a run still being played (a transcript written mid-run): round `{n}`
    /// of the `{count}` planned.
    pub practice_in_progress: &'static str,
    /// After the score printed on quit: `{seed}`, which practises the same rounds again.
    pub practice_seed: &'static str,
    /// A round that reached a related fix (listed in the "See also" of the fix asked for): its
    /// verdict, its mark in the score's list, and `{n}` such rounds after the score.
    pub practice_close: &'static str,
    pub practice_close_mark: &'static str,
    pub practice_close_count: &'static str,
    /// `{n}` answers taken back, after the score.
    pub practice_steps_back_count: (&'static str, &'static str),
    /// The verdict of a right round walked another way than straight: `{how}` is
    /// `practice_after_back` and/or `practice_longer_way`.
    pub practice_correct_how: &'static str,
    pub practice_same_message_how: &'static str,
    /// `{n}` answers taken back before the fix was reached.
    pub practice_after_back: (&'static str, &'static str),
    /// `{answers}` given where the shortest way takes `{shortest}`.
    pub practice_longer_way: &'static str,
    /// An answer taken back in the round ("Taken back: question > answer").
    pub practice_taken_back: &'static str,
    /// At a wrong turn: the answer given there, then taken back.
    pub practice_you_answered_taken_back: &'static str,
    /// A round's note in the score's list: the related fix `{reached}`; `{n}` answers taken back.
    pub practice_reached_note: &'static str,
    pub practice_back_note: (&'static str, &'static str),
    pub plain_question_prompt: &'static str,
    /// The same in practice, where search is off.
    pub plain_practice_prompt: &'static str,
    pub plain_leaf_prompt: &'static str,
    pub plain_search_prompt: &'static str,
    pub plain_verdict_prompt: &'static str,
    pub plain_done_prompt: &'static str,
    /// `{max}` is the number of answers.
    pub plain_bad_answer: &'static str,
    /// The same in practice, where search is off.
    pub plain_bad_answer_practice: &'static str,
    pub plain_bad_leaf: &'static str,
    /// Put first in the prompt on a fix whose commands have blanks.
    pub plain_prompt_fill: &'static str,
    /// `{ids}` is the leaf's "See also" ids.
    pub plain_bad_leaf_see_also: &'static str,
    pub plain_leaf_see_also_prompt: &'static str,
    /// `{n}` is what was typed, `{max}` the number of results shown.
    pub plain_bad_result: &'static str,
    pub plain_no_result: &'static str,
    /// Plain mode has no Esc: an empty line closes the search.
    pub plain_search_no_match: &'static str,
    pub resumed_partly: &'static str,
    pub history_not_saved: &'static str,
    pub back: &'static str,
    pub restart: &'static str,
}

pub static EN: Strings = Strings {
    transcript: TranscriptWords {
        tree: "tree",
        language: "language",
        started: "started",
        ended: "ended",
        session: "Session",
        went_back: "went back to",
        restarted: "restarted",
        searched: "searched",
        top: "top",
        reached: "reached",
        from_search: "(from search)",
        from_see_also: "(from the See also of `{leaf}`)",
        copied: "copied",
        no_answers: "(no answers yet)",
        resumed: "resumed at",
        fix: "Fix",
        not_finished: "Not finished",
        stopped_at: "Stopped at {question}: no fix reached yet.",
        resume_hint: "`triage resume` reopens the newest session where it stopped (`triage history` lists them, `triage resume N` reopens one).",
        practice: "Practice",
        practice_round: (
            "**{verdict}** `{target}` {title}: reached `{reached}` in {answers} answer (shortest {shortest}{back})",
            "**{verdict}** `{target}` {title}: reached `{reached}` in {answers} answers (shortest {shortest}{back})",
        ),
        practice_round_heading: "Round {n}/{count}",
    },
    cli: CliWords {
        unknown_language: "unknown language {lang}; use en or ko",
        unknown_tree: "no tree {tree}; known trees: {known} (or give a path to a .ron file)",
        unknown_tree_close: "no tree {tree}; did you mean {ids}? (known trees: {known}; or give a path to a .ron file)",
        tree_id_hidden: "warning: {path} also has the tree id {tree}; {used} is used (the first in name order)",
        tree_id_hidden_broken: "warning: {path} also has the tree id {tree} but does not load ({problem}); {used} is used",
        unknown_leaf: "no leaf {id} in tree {tree}",
        set_unused: "note: no command of {id} has a placeholder named {name}",
        set_names_are: "; its placeholders: {names}",
        code_of_leaves: "{code} is an error code, listed by {ids}; `{triage} show ID` shows one, `{triage} search {code}` ranks them",
        did_you_mean: "; did you mean {ids}?",
        see_every_id: "; run `{list}` to see every id",
        cannot_read: "cannot read {file}",
        cannot_read_file: "cannot read the file",
        help_check_path: "check the path",
        help_check_permissions: "check the file's permissions",
        help_check_readable: "check that the path is a readable file",
        cannot_write: "cannot write {file}",
        wrote: "wrote {file}",
        check_ok: "{name}: ok ({counts})",
        count_leaves: ("{n} leaf", "{n} leaves"),
        count_questions: ("{n} question", "{n} questions"),
        count_errors: ("{n} error", "{n} errors"),
        count_answers: ("{n} answer", "{n} answers"),
        no_reachable_leaves: "no reachable leaves",
        depth_summary: "depth (answers to reach a leaf): average {average}, max {max}",
        depth_row: "depth {answers}: {leaves} leaves",
        no_trees_in_dir: "{dir}: no .ron tree files in this directory",
        deepest: "deepest",
        embedded: "(embedded)",
        no_data_dir: "no data directory on this system; set TRIAGE_DATA_DIR",
        skipped: "warning: skipped {file}: {reason}",
        no_sessions: "no sessions yet ({dir})",
        stopped_at: "at",
        searched: "searched",
        practice_run: "practice run: {right} of {rounds} right",
        practice_retry_run: "practice retry: {right} of {rounds} right",
        no_session: "no session {n} in the history; `triage history` lists them",
        search_no_text: "give the text to search, or pipe it on stdin",
        search_binary: "the input is binary data, not text: pipe the error message or the log",
        cannot_read_stdin: "cannot read stdin",
        nothing_to_search: "nothing to search for",
        query_cut: "the query is long; only its last {kib} KiB (a log's newest lines) were searched",
        nothing_matches: "nothing matches",
        not_a_query_file: "{file} is not a query file",
        eval_failed: "eval failed",
        terminal_error: "terminal error",
        warning: "warning",
        crashed: "triage crashed{place}: {what}\nThis is a bug: please report it with the command you ran and what you pressed (issue tracker of the triage project).",
        no_such_file: "no such file or directory",
        permission_denied: "permission denied",
        cannot_write_output: "cannot write the output",
        data_dir_not_dir: "the data directory {dir} is not a directory (move it away, or set TRIAGE_DATA_DIR)",
        gen_assets_elsewhere: "gen-assets rewrites the files in assets/ of the triage source tree; {dir} is not that tree (no Cargo.toml of the triage package): run it there",
        resume_other_tree: "session {n} is on tree {want}, not {got}: resume it with its own tree (without --tree); nothing was changed",
        resume_tree_gone: "session {n} is on tree {tree}, which is not among the known trees, and its file is gone: {file}",
        resume_tree_changed: "session {n} is on tree {tree}, but its file now holds tree {found}: {file}; nothing was changed",
        practice_no_targets: "tree {tree} has no fix with an error message reachable from its start: nothing to practise on",
        practice_query: "--query does not go with practice: a search would give the answers away",
        resume_practice: "session {n} is a practice run (score {score}), not resumed; practise the same rounds again with: {again}",
        resume_practice_retry: "session {n} is a practice retry (score {score}), not resumed; practise the run it retried again with: {again} (r on its score retries the rounds not right)",
        resume_only_practice: "no session to resume: the history holds practice runs only (see triage history)",
        question_not_leaf: "{id} is a question of tree {tree}, not a fix: `show` prints fixes; run `{list}` to see them",
        config_ignored: "warning: the config file is not used for this run (the defaults are); fix it, or run with --no-config",
        tree_dir_skipped: "warning: skipped {dir} (tree_dirs in {config}): {reason}",
        not_a_directory: "not a directory",
        trees_not_loaded: (
            "{n} tree file could not be loaded (`triage check` shows every error):",
            "{n} tree files could not be loaded (`triage check` shows every error):",
        ),
        tree_is_directory: "{dir} is a directory: --tree takes a tree file (.ron) or a tree id; `{check}` checks the trees in it",
        resume_tree_moved: "note: the tree file of session {n} is gone ({file}); resuming it on tree {tree} from {found}",
        built_in_tree: "the built-in tree",
    },
    cause: "Cause",
    error_message: "Error message",
    steps: "Steps",
    commands: "Commands",
    links: "Links",
    applies_to: "Applies to",
    any_os: "any OS",
    error_codes: "Error codes",
    see_also: "See also",
    path_heading: "How the questions lead here",
    start_of_tree: "Start",
    why_we_ask: "Why we ask",
    none_fits: "None of these fits: search",
    search_title: "Search",
    search_prompt: "Type or paste an error, a code or your own words",
    search_no_match: "Nothing matches well. Try other words, or press Esc and answer the questions.",
    search_weak_match: "Weak matches only: check the error message before you follow one.",
    search_close_call: "Close call: the next result fits almost as well; compare them below.",
    search_close_call_one: "Close call: the next result fits almost as well (--top 2 shows it).",
    search_unknown_code: "No fix here lists the code {code}: the results only share words with it.",
    search_not_covered: "This may be about {topic}, which this guide does not cover.",
    search_not_covered_link: "Read instead: {title}: {url}",
    split_question: "The question that tells them apart: {question}",
    fill_title: "Fill in the command (the values are kept for the other commands)",
    plain_fill_hint: "To fill in {names} in the commands, type NAME=VALUE (e.g. {example}=...)",
    plain_no_split: "Not a close call: type a result's number, other words, or an empty line",
    plain_no_placeholder: "No command of this fix has <{name}>",
    fill_hint: "Tab next field  Enter keep  Esc cancel",
    fill_label: "f: fill in",
    fill_no_command: "Select a command to fill in (Tab)",
    fill_nothing: "This fix's commands have nothing to fill in",
    fill_next: "That command has nothing to fill in: here is the next one with blanks",
    restarted: "Started over: Backspace goes back to where you were",
    plain_restarted: "Started over: type b to go back to where you were",
    plain_nothing_back: "Nothing to go back to",
    fill_done: "Filled in: c copies the command with your values",
    fill_missing: "Still to fill in: {names}",
    fill_refused: "Not in a value: {chars} (letters, digits and - . _ / : @ + , only)",
    copied_blanks: "Copied with blanks: {names} (f fills them in)",
    suspend_ignored: "Ctrl-Z cannot suspend here: the shell ignores it (as inside $(...))",
    split_answer: "\"{answer}\" leads to {id}",
    split_hint: "Tab to tell them apart: {question}",
    plain_split_hint: "Type ? to tell them apart: {question}",
    split_status: "Answer {na} leads to {a}, answer {nb} to {b}",
    help_title: "Keys",
    too_small: "Terminal too small ({size}): make it at least 40x12; Ctrl-C quits",
    copied: "Copied",
    copied_tmux: "Sent to tmux",
    tmux_hint: "needs tmux set-clipboard on",
    copy_refused: "Not copied: the command holds control characters",
    link_copy_refused: "Not copied: the link holds control characters",
    nothing_selected: "Nothing selected: Tab selects a command or a link",
    will_print: "Will be printed when you quit",
    will_not_print: "Nothing will be printed when you quit",
    no_command: "This fix has no command to copy",
    transcript_written: "Transcript written to",
    transcript_failed: "Could not write the transcript",
    transcript_no_folder: "its folder does not exist, or it is a folder",
    transcript_on_quit: "The transcript is written when you quit, to",
    quit_hint: "q quit",
    esc_again: "Closed. To quit, press Esc again or q",
    esc_nothing_open: "Nothing is open. To quit, press Esc again or q",
    paste_binary: "That paste is binary data, not text: not searched. Paste the error message or the log",
    help_hint: "Up/Down scroll  Esc close",
    copy_label: "c: copy",
    open_label: "Enter: open",
    see_also_not_a_command: "Not a command: Enter opens this fix, Tab selects a command or a link",
    see_also_missing: "Not a fix of this tree",
    leaf_hint: "Tab command/link  c copy  p print on quit  e transcript  Bksp back  ? keys",
    question_hint: "1-9 answer  Enter choose  Bksp back  / search  ? keys  q quit",
    question_hint_short: "1-9 Enter  Bksp back  / ? q",
    leaf_hint_short: "Tab c copy  Bksp  ? keys  q",
    no_such_answer: "No such answer here: choose",
    search_hint: "Up/Down choose  Enter open  Esc close",
    paste_cut: "Paste cut to its first {kib} KiB",
    paste_cut_end: "Paste cut to its last {kib} KiB (a log's newest lines)",
    query_full: "The search box is full: {kib} KiB at most",
    practice_no_search: "Search is off during practice: answer the questions",
    practice_banner: "Practice",
    practice_question_hint: "1-9 answer  Enter choose  Bksp back  ? keys  q end practice",
    practice_question_hint_short: "1-9 Enter  Bksp back  ? keys  q end",
    practice_question_hint_scroll: "1-9 answer  Enter choose  PgUp/PgDn message  ? keys  q end practice",
    practice_question_hint_scroll_short: "1-9 Enter  PgUp/PgDn message  ? q end",
    practice_correct: "Correct: this is the fix for the message.",
    practice_same_message: "Correct: this fix quotes the same message (so does the other one below).",
    practice_wrong: "Not this one.",
    practice_reached: "You reached",
    practice_fix: "The fix for the message",
    practice_shortest: "The shortest way",
    practice_wrong_turns: "Where you went another way, and why the question is asked",
    practice_you_answered: "You answered",
    practice_right_answer: "Toward the fix",
    practice_next: "Enter next round  q end practice",
    practice_to_score: "Enter/q score",
    practice_score: "Score",
    practice_done: "Enter/q quit",
    practice_score_hint: "Up/Down round  Enter its verdict  r retry the ones not right  q quit",
    practice_score_hint_short: "Enter verdict  r retry  q quit",
    practice_review_hint: "Enter/Bksp/q back to the score",
    practice_review_crumb: "Round {n}/{count}",
    practice_nothing_to_retry: "Nothing to retry: no round was missed or close",
    practice_retrying: (
        "Retry: the round not right, scored afresh",
        "Retry: the {n} rounds not right, scored afresh",
    ),
    practice_retry: "retry",
    practice_retry_of: "retry of seed {seed}",
    practice_ok: "ok",
    practice_miss: "miss",
    practice_ended_early: (
        "ended after {played} of {count} round",
        "ended after {played} of {count} rounds",
    ),
    practice_in_progress: "in progress: round {n} of {count}",
    practice_seed: "seed {seed}",
    practice_close: "Close, not counted as right: you reached a related fix, listed in the See also of the fix for the message.",
    practice_close_mark: "close",
    practice_close_count: "{n} close",
    practice_steps_back_count: ("{n} step taken back", "{n} steps taken back"),
    practice_correct_how: "Correct, {how}: this is the fix for the message.",
    practice_same_message_how: "Correct, {how}: this fix quotes the same message (so does the other one below).",
    practice_after_back: ("after {n} step back", "after {n} steps back"),
    practice_longer_way: "in {answers} answers where {shortest} would do",
    practice_taken_back: "Taken back",
    practice_you_answered_taken_back: "You answered, then took back",
    practice_reached_note: "reached {reached}",
    practice_back_note: ("{n} step back", "{n} steps back"),
    plain_question_prompt: "Answer (number; 0 or /TEXT search; b back; r restart; q quit): ",
    plain_practice_prompt: "Answer (number; b back; q end practice): ",
    plain_leaf_prompt: "(b back; r restart; /TEXT search; q quit): ",
    plain_search_prompt: "Search (text; a result's number opens it; empty line closes): ",
    plain_verdict_prompt: "(Enter next; q quit): ",
    plain_done_prompt: "(r retry the rounds not right; Enter or q to quit): ",
    plain_bad_answer: "Not understood: type 1-{max} (an answer), 0 or /TEXT (search), b (back), r (restart) or q (quit)",
    plain_bad_answer_practice: "Not understood: type 1-{max} (an answer), b (back), r (restart) or q (quit)",
    plain_bad_leaf: "Not understood: type b (back), r (restart), /TEXT (search) or q (quit)",
    plain_prompt_fill: "NAME=VALUE fills a blank; ",
    plain_bad_leaf_see_also: "Not understood: type a See also id ({ids}), b (back), r (restart), /TEXT (search) or q (quit)",
    plain_leaf_see_also_prompt: "(a See also id opens it; b back; r restart; /TEXT search; q quit): ",
    plain_bad_result: "No result {n}: type 1-{max} to open one, other words to search again, or an empty line to close",
    plain_no_result: "No result to open: type other words to search again, or an empty line to close",
    plain_search_no_match: "Nothing matches well. Try other words, or an empty line to go back to the questions.",
    resumed_partly: "The tree changed since this session: answers kept:",
    history_not_saved: "Warning: history not saved in",
    back: "back",
    restart: "restart",
};

pub static KO: Strings = Strings {
    transcript: TranscriptWords {
        tree: "트리",
        language: "언어",
        started: "시작",
        ended: "종료",
        session: "세션",
        went_back: "되돌아감:",
        restarted: "처음부터 다시 시작",
        searched: "검색",
        top: "상위",
        reached: "도착",
        from_search: "(검색에서)",
        from_see_also: "(`{leaf}`의 함께 보기에서)",
        copied: "복사",
        no_answers: "(아직 답 없음)",
        resumed: "이어서 시작:",
        fix: "해결책",
        not_finished: "끝나지 않음",
        stopped_at: "{question}에서 멈춤: 아직 해결책에 이르지 않았습니다.",
        resume_hint: "`triage resume`은 가장 최근 세션을 멈춘 곳에서 다시 엽니다(`triage history`로 목록을 보고, `triage resume N`으로 하나를 엽니다).",
        practice: "연습",
        practice_round: (
            "**{verdict}** `{target}` {title}: 답 {answers}개로 `{reached}`에 도착 (최단 {shortest}개{back})",
            "**{verdict}** `{target}` {title}: 답 {answers}개로 `{reached}`에 도착 (최단 {shortest}개{back})",
        ),
        practice_round_heading: "{count}문제 중 {n}번째",
    },
    cli: CliWords {
        unknown_language: "알 수 없는 언어 {lang}: en 또는 ko를 쓰세요",
        unknown_tree: "없는 트리: {tree}. 있는 트리: {known} (또는 .ron 파일 경로를 주세요)",
        unknown_tree_close: "없는 트리: {tree}. 혹시 이것인가요: {ids} (있는 트리: {known}. 또는 .ron 파일 경로를 주세요)",
        tree_id_hidden: "경고: {path}도 트리 ID {tree}를 씁니다. 이름 순서로 먼저인 {used}를 씁니다",
        tree_id_hidden_broken: "경고: {path}도 트리 ID {tree}를 쓰지만 읽을 수 없습니다({problem}). {used}를 씁니다",
        unknown_leaf: "{tree} 트리에 없는 해결책 id: {id}",
        set_unused: "참고: {id}의 명령에는 {name} 자리 표시자가 없습니다",
        set_names_are: ". 이 해결 방법의 자리 표시자: {names}",
        code_of_leaves: "{code}은(는) 오류 코드이며 {ids}에 있습니다. `{triage} show ID`로 하나를 보거나 `{triage} search {code}`로 순위를 확인하세요",
        did_you_mean: ". 혹시 이것인가요: {ids}",
        see_every_id: ". 모든 id는 `{list}`로 볼 수 있습니다",
        cannot_read: "읽을 수 없는 파일: {file}",
        cannot_read_file: "파일을 읽을 수 없습니다",
        help_check_path: "경로를 확인하세요",
        help_check_permissions: "파일 권한을 확인하세요",
        help_check_readable: "읽을 수 있는 파일인지 확인하세요",
        cannot_write: "쓸 수 없는 파일: {file}",
        wrote: "저장함: {file}",
        check_ok: "{name}: 정상 ({counts})",
        count_leaves: ("해결책 {n}개", "해결책 {n}개"),
        count_questions: ("질문 {n}개", "질문 {n}개"),
        count_errors: ("오류 {n}개", "오류 {n}개"),
        count_answers: ("답 {n}개", "답 {n}개"),
        no_reachable_leaves: "도달할 수 있는 해결책이 없습니다",
        depth_summary: "깊이 (해결책까지 필요한 답 수): 평균 {average}, 최대 {max}",
        depth_row: "깊이 {answers}: 해결책 {leaves}개",
        no_trees_in_dir: "{dir}: 이 디렉터리에 .ron 트리 파일이 없습니다",
        deepest: "가장 깊은 해결책",
        embedded: "(내장)",
        no_data_dir: "이 시스템에는 데이터 디렉터리가 없습니다. TRIAGE_DATA_DIR를 설정하세요",
        skipped: "경고: 건너뛴 파일 {file}: {reason}",
        no_sessions: "아직 세션이 없습니다 ({dir})",
        stopped_at: "멈춘 곳",
        searched: "검색",
        practice_run: "연습: {rounds}문제 중 {right}개 정답",
        practice_retry_run: "연습 다시 풀기: {rounds}문제 중 {right}개 정답",
        no_session: "기록에 {n}번 세션이 없습니다. `triage history`로 목록을 보세요",
        search_no_text: "검색할 글을 주거나 표준 입력으로 보내세요",
        search_binary: "입력이 글이 아닌 이진 데이터입니다: 오류 메시지나 로그를 보내세요",
        cannot_read_stdin: "표준 입력을 읽을 수 없습니다",
        nothing_to_search: "검색할 내용이 없습니다",
        query_cut: "검색어가 깁니다: 끝부분 {kib} KiB(로그의 최근 줄)만 검색했습니다",
        nothing_matches: "맞는 결과가 없습니다",
        not_a_query_file: "쿼리 파일이 아닙니다: {file}",
        eval_failed: "평가 실패",
        terminal_error: "터미널 오류",
        warning: "경고",
        crashed: "triage가 비정상 종료했습니다{place}: {what}\n버그입니다: 실행한 명령과 누른 키를 적어 triage 프로젝트의 이슈 트래커에 알려 주세요.",
        no_such_file: "파일이나 디렉터리가 없습니다",
        permission_denied: "권한이 없습니다",
        cannot_write_output: "출력을 쓸 수 없습니다",
        data_dir_not_dir: "데이터 디렉터리 {dir}이(가) 디렉터리가 아닙니다 (옮기거나 TRIAGE_DATA_DIR를 설정하세요)",
        gen_assets_elsewhere: "gen-assets는 triage 소스 트리의 assets/ 파일을 다시 씁니다. {dir}은(는) 그 트리가 아닙니다 (triage 패키지의 Cargo.toml 없음): 소스 트리에서 실행하세요",
        resume_other_tree: "{n}번 세션의 트리는 {got}이(가) 아니라 {want}입니다: --tree 없이 그 트리로 이어 가세요. 아무것도 바꾸지 않았습니다",
        resume_tree_gone: "{n}번 세션의 트리 {tree}은(는) 알려진 트리에 없고, 그 파일도 없습니다: {file}",
        resume_tree_changed: "{n}번 세션의 트리는 {tree}인데, 그 파일에는 이제 {found} 트리가 있습니다: {file}. 아무것도 바꾸지 않았습니다",
        practice_no_targets: "{tree} 트리에는 시작에서 도달할 수 있고 오류 메시지가 있는 해결책이 없습니다. 연습할 문제가 없습니다",
        practice_query: "--query는 연습에 쓸 수 없습니다. 검색하면 답이 드러납니다",
        resume_practice: "{n}번 세션은 연습(점수 {score})이라 이어서 하지 않습니다. 같은 문제를 다시 연습하려면: {again}",
        resume_practice_retry: "{n}번 세션은 연습 다시 풀기(점수 {score})라 이어서 하지 않습니다. 다시 푼 연습을 처음부터 하려면: {again} (점수 화면에서 r로 틀린 문제만 다시 풉니다)",
        resume_only_practice: "이어서 할 세션이 없습니다. 기록에는 연습만 있습니다(triage history 참고)",
        question_not_leaf: "{id}은(는) {tree} 트리의 질문이며 해결책이 아닙니다. `show`는 해결책을 보여 줍니다. 해결책 목록은 `{list}`로 볼 수 있습니다",
        config_ignored: "경고: 이번 실행에는 설정 파일 대신 기본값을 씁니다. 파일을 고치거나 --no-config로 실행하세요",
        tree_dir_skipped: "경고: {dir}을(를) 건너뜁니다 ({config}의 tree_dirs): {reason}",
        not_a_directory: "디렉터리가 아닙니다",
        trees_not_loaded: (
            "트리 파일 {n}개를 읽지 못했습니다 (모든 오류는 `triage check`로 볼 수 있습니다):",
            "트리 파일 {n}개를 읽지 못했습니다 (모든 오류는 `triage check`로 볼 수 있습니다):",
        ),
        tree_is_directory: "{dir}은(는) 디렉터리입니다. --tree에는 트리 파일(.ron)이나 트리 id를 주세요. 그 안의 트리는 `{check}`로 검사합니다",
        resume_tree_moved: "참고: {n}번 세션의 트리 파일이 없습니다 ({file}). {found}에 있는 {tree} 트리로 이어 갑니다",
        built_in_tree: "내장 트리",
    },
    cause: "원인",
    error_message: "오류 메시지",
    steps: "해결 단계",
    commands: "명령",
    links: "링크",
    applies_to: "적용 대상",
    any_os: "모든 OS",
    error_codes: "오류 코드",
    see_also: "함께 보기",
    path_heading: "이 해결책에 이르는 질문",
    start_of_tree: "시작",
    why_we_ask: "묻는 이유",
    none_fits: "해당 없음: 검색하기",
    search_title: "검색",
    search_prompt: "오류 메시지, 코드 또는 증상을 입력하거나 붙여 넣으세요",
    search_no_match: "잘 맞는 결과가 없습니다. 다른 단어로 찾거나 Esc를 눌러 질문에 답하세요.",
    search_weak_match: "약한 일치뿐입니다. 따르기 전에 오류 메시지를 확인하세요.",
    search_close_call: "다음 결과도 거의 비슷하게 맞습니다. 아래 내용을 비교해 보세요.",
    search_close_call_one: "다음 결과도 거의 비슷하게 맞습니다(--top 2로 볼 수 있습니다).",
    search_unknown_code: "{code}: 이 가이드에 없는 오류 코드입니다. 결과는 단어만 겹칩니다.",
    search_not_covered: "{topic} 관련 문제일 수 있습니다. 이 가이드에서 다루지 않는 내용입니다.",
    search_not_covered_link: "대신 읽을 문서: {title}: {url}",
    split_question: "둘을 가르는 질문: {question}",
    fill_title: "명령 채우기 (입력한 값은 다른 명령에도 쓰입니다)",
    plain_fill_hint: "명령의 빈칸({names})을 채우려면 이름=값을 입력하세요 (예: {example}=...)",
    plain_no_split: "비슷한 결과가 아닙니다: 결과 번호, 다른 검색어, 또는 빈 줄을 입력하세요",
    plain_no_placeholder: "이 해결 방법의 명령에는 <{name}>이(가) 없습니다",
    fill_hint: "Tab 다음 칸  Enter 저장  Esc 취소",
    fill_label: "f: 채우기",
    fill_no_command: "채울 명령을 고르세요 (Tab)",
    fill_nothing: "이 해결책의 명령에는 채울 칸이 없습니다",
    fill_next: "그 명령에는 채울 칸이 없어 빈칸이 있는 다음 명령을 엽니다",
    restarted: "처음부터 다시 시작했습니다: Backspace를 누르면 이전 위치로 돌아갑니다",
    plain_restarted: "처음부터 다시 시작했습니다: b를 입력하면 이전 위치로 돌아갑니다",
    plain_nothing_back: "되돌아갈 곳이 없습니다",
    fill_done: "채웠습니다: c로 값이 들어간 명령을 복사합니다",
    fill_missing: "아직 채울 칸: {names}",
    fill_refused: "값에 쓸 수 없는 문자: {chars} (영문자, 숫자, - . _ / : @ + , 만 가능)",
    copied_blanks: "빈칸이 남은 채 복사됨: {names} (f로 채우기)",
    suspend_ignored: "여기서는 Ctrl-Z로 일시 중지할 수 없습니다. 셸이 무시합니다($(...) 안처럼)",
    split_answer: "\"{answer}\" → {id}",
    split_hint: "Tab으로 가르기: {question}",
    plain_split_hint: "?를 입력해 가르기: {question}",
    split_status: "{na}번 답은 {a}, {nb}번 답은 {b}(으)로 갑니다",
    help_title: "키",
    too_small: "터미널이 너무 작습니다({size}): 40x12 이상으로 키우세요. Ctrl-C로 종료",
    copied: "복사했습니다",
    copied_tmux: "tmux로 보냄",
    tmux_hint: "tmux set-clipboard on 필요",
    copy_refused: "복사하지 않음: 명령에 제어 문자가 있습니다",
    link_copy_refused: "복사하지 않음: 링크에 제어 문자가 있습니다",
    nothing_selected: "선택한 것이 없습니다: Tab으로 명령이나 링크를 고르세요",
    will_print: "종료할 때 출력합니다",
    will_not_print: "종료할 때 아무것도 출력하지 않습니다",
    no_command: "이 해결책에는 복사할 명령이 없습니다",
    transcript_written: "기록을 저장했습니다:",
    transcript_failed: "기록을 저장하지 못했습니다",
    transcript_no_folder: "폴더가 없거나, 파일이 아니라 폴더입니다",
    transcript_on_quit: "기록은 종료할 때 저장됩니다:",
    quit_hint: "q 종료",
    esc_again: "닫았습니다. 종료하려면 Esc를 한 번 더 누르거나 q",
    esc_nothing_open: "열린 창이 없습니다. 종료하려면 Esc를 한 번 더 누르거나 q",
    paste_binary: "붙여 넣은 내용이 글이 아닌 이진 데이터라 검색하지 않았습니다. 오류 메시지나 로그를 붙여 넣으세요",
    help_hint: "Up/Down 스크롤  Esc 닫기",
    copy_label: "c: 복사",
    open_label: "Enter: 열기",
    see_also_not_a_command: "명령이 아닙니다: Enter로 이 해결책을 열고, Tab으로 명령이나 링크를 고르세요",
    see_also_missing: "이 트리에 없는 해결책",
    leaf_hint: "Tab 명령/링크  c 복사  p 종료 시 출력  e 기록  Bksp 뒤로  ? 키",
    question_hint: "1-9 답  Enter 선택  Bksp 뒤로  / 검색  ? 키  q 종료",
    question_hint_short: "1-9 Enter  Bksp 뒤로  / ? q",
    leaf_hint_short: "Tab c 복사  Bksp  ? 키  q",
    no_such_answer: "그런 답은 없습니다. 고를 수 있는 번호:",
    search_hint: "Up/Down 선택  Enter 열기  Esc 닫기",
    paste_cut: "붙여 넣은 글을 앞부분 {kib} KiB만 남겼습니다",
    paste_cut_end: "붙여 넣은 글을 끝부분 {kib} KiB(로그의 최근 줄)만 남겼습니다",
    query_full: "검색창이 가득 찼습니다: 최대 {kib} KiB",
    practice_no_search: "연습 중에는 검색을 쓸 수 없습니다: 질문에 답하세요",
    practice_banner: "연습",
    practice_question_hint: "1-9 답  Enter 선택  Bksp 뒤로  ? 키  q 연습 끝내기",
    practice_question_hint_short: "1-9 Enter  Bksp 뒤로  ? 키  q 끝내기",
    practice_question_hint_scroll: "1-9 답  Enter 선택  PgUp/PgDn 메시지  ? 키  q 연습 끝내기",
    practice_question_hint_scroll_short: "1-9 Enter  PgUp/PgDn 메시지  ? q 끝내기",
    practice_correct: "정답: 이 메시지의 해결책입니다.",
    practice_same_message: "정답: 이 해결책도 같은 메시지를 담고 있습니다(아래의 해결책도 마찬가지).",
    practice_wrong: "이 해결책이 아닙니다.",
    practice_reached: "도착한 곳",
    practice_fix: "이 메시지의 해결책",
    practice_shortest: "가장 짧은 경로",
    practice_wrong_turns: "다른 길로 간 질문과 그 질문을 하는 이유",
    practice_you_answered: "고른 답",
    practice_right_answer: "해결책으로 가는 답",
    practice_next: "Enter 다음 문제  q 연습 끝내기",
    practice_to_score: "Enter/q 점수 보기",
    practice_score: "점수",
    practice_done: "Enter/q 종료",
    practice_score_hint: "Up/Down 문제  Enter 풀이 보기  r 틀린 문제 다시  q 종료",
    practice_score_hint_short: "Enter 풀이  r 다시 풀기  q 종료",
    practice_review_hint: "Enter/Bksp/q 점수로 돌아가기",
    practice_review_crumb: "{count}문제 중 {n}번째",
    practice_nothing_to_retry: "다시 풀 문제가 없습니다: 틀리거나 근접한 문제가 없습니다",
    practice_retrying: (
        "다시 풀기: 틀린 {n}문제, 새로 채점",
        "다시 풀기: 틀린 {n}문제, 새로 채점",
    ),
    practice_retry: "다시 풀기",
    practice_retry_of: "시드 {seed} 다시 풀기",
    practice_ok: "정답",
    practice_miss: "오답",
    practice_ended_early: (
        "{count}문제 중 {played}문제 풀고 끝냄",
        "{count}문제 중 {played}문제 풀고 끝냄",
    ),
    practice_in_progress: "진행 중: {count}문제 중 {n}번째",
    practice_seed: "시드 {seed}",
    practice_close: "근접(정답으로 치지 않음): 이 메시지의 해결책이 함께 보기에 올려 둔 관련 해결책에 도착했습니다.",
    practice_close_mark: "근접",
    practice_close_count: "근접 {n}",
    practice_steps_back_count: ("{n}단계 되돌림", "{n}단계 되돌림"),
    practice_correct_how: "정답({how}): 이 메시지의 해결책입니다.",
    practice_same_message_how: "정답({how}): 이 해결책도 같은 메시지를 담고 있습니다(아래의 해결책도 마찬가지).",
    practice_after_back: ("{n}단계 되돌린 뒤", "{n}단계 되돌린 뒤"),
    practice_longer_way: "최단 {shortest}개 대신 답 {answers}개로",
    practice_taken_back: "되돌린 답",
    practice_you_answered_taken_back: "골랐다가 되돌린 답",
    practice_reached_note: "{reached}에 도착",
    practice_back_note: ("{n}단계 되돌림", "{n}단계 되돌림"),
    plain_question_prompt: "답 (번호; 0 또는 /검색어 검색; b 뒤로; r 처음부터; q 종료): ",
    plain_practice_prompt: "답 (번호; b 뒤로; q 연습 끝내기): ",
    plain_leaf_prompt: "(b 뒤로; r 처음부터; /검색어 검색; q 종료): ",
    plain_search_prompt: "검색 (검색어; 결과 번호로 열기; 빈 줄로 닫기): ",
    plain_verdict_prompt: "(Enter 다음; q 종료): ",
    plain_done_prompt: "(r 틀린 문제 다시 풀기; Enter 또는 q 종료): ",
    plain_bad_answer: "알 수 없는 입력입니다: 1-{max} (답), 0 또는 /검색어 (검색), b (뒤로), r (처음부터), q (종료) 중 하나를 입력하세요",
    plain_bad_answer_practice: "알 수 없는 입력입니다: 1-{max} (답), b (뒤로), r (처음부터), q (종료) 중 하나를 입력하세요",
    plain_bad_leaf: "알 수 없는 입력입니다: b (뒤로), r (처음부터), /검색어 (검색), q (종료) 중 하나를 입력하세요",
    plain_prompt_fill: "이름=값으로 빈칸 채우기; ",
    plain_bad_leaf_see_also: "알 수 없는 입력입니다: 함께 보기 id ({ids}), b (뒤로), r (처음부터), /검색어 (검색), q (종료) 중 하나를 입력하세요",
    plain_leaf_see_also_prompt: "(함께 보기 id로 열기; b 뒤로; r 처음부터; /검색어 검색; q 종료): ",
    plain_bad_result: "{n}번 결과는 없습니다: 1-{max} 번호로 결과를 열거나, 다른 검색어를 입력하거나, 빈 줄로 닫으세요",
    plain_no_result: "열 결과가 없습니다: 다른 검색어를 입력하거나 빈 줄로 닫으세요",
    plain_search_no_match: "잘 맞는 결과가 없습니다. 다른 단어로 찾거나 빈 줄을 입력해 질문으로 돌아가세요.",
    resumed_partly: "이 세션 이후 트리가 바뀌었습니다. 유지한 답 수:",
    history_not_saved: "경고: 기록을 저장하지 못했습니다:",
    back: "뒤로",
    restart: "처음부터",
};

/// The label above a command block.
pub fn shell_label(command: &crate::tree::Command, lang: Lang) -> &'static str {
    use crate::tree::Command;
    match (command, lang) {
        (Command::Reg(_), Lang::En) => "registry file (.reg)",
        (Command::Reg(_), Lang::Ko) => "레지스트리 파일 (.reg)",
        (other, _) => other.shell(),
    }
}

/// `template` with each `{key}` replaced by its value (values are not searched again).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let key = &after[..close];
            args.iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| (close, *v))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// "57 leaves": a count with its noun, from a (one, many) pair of templates with `{n}`.
pub fn count(n: usize, forms: (&'static str, &'static str)) -> String {
    fill(plural(n, forms), &[("n", &n.to_string())])
}

/// The template of a (one, many) pair for `n`, to fill with more than `{n}`.
pub fn plural(n: usize, (one, many): (&'static str, &'static str)) -> &'static str {
    if n == 1 { one } else { many }
}

/// An I/O error in the user's language: the common kinds in words, else the system's text.
pub fn io_error(e: &std::io::Error, lang: Lang) -> String {
    let s = &strings(lang).cli;
    match (lang, e.kind()) {
        (Lang::En, _) => e.to_string(),
        (_, std::io::ErrorKind::NotFound) => s.no_such_file.to_string(),
        (_, std::io::ErrorKind::PermissionDenied) => s.permission_denied.to_string(),
        _ => e.to_string(),
    }
}

pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Ko => &KO,
    }
}

/// The language the user's locale asks for: `LC_ALL`, then `LC_MESSAGES`, then `LANG`; `ko_*`
/// means Korean, anything else English.
pub fn lang_from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(value) = get(var).filter(|v| !v.is_empty()) {
            return if value.to_ascii_lowercase().starts_with("ko") {
                Lang::Ko
            } else {
                Lang::En
            };
        }
    }
    Lang::En
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
    }

    #[test]
    fn fill_replaces_known_keys_once() {
        assert_eq!(
            fill(
                "no leaf {id} in {tree}{x}",
                &[("id", "{tree}"), ("tree", "t")]
            ),
            "no leaf {tree} in t{x}"
        );
        assert_eq!(count(1, EN.cli.count_leaves), "1 leaf");
        assert_eq!(count(2, EN.cli.count_leaves), "2 leaves");
        assert_eq!(count(2, KO.cli.count_leaves), "해결책 2개");
    }

    #[test]
    fn locale_precedence_follows_posix() {
        assert_eq!(lang_from_env(env(&[("LANG", "ko_KR.UTF-8")])), Lang::Ko);
        assert_eq!(
            lang_from_env(env(&[("LANG", "ko_KR.UTF-8"), ("LC_ALL", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            lang_from_env(env(&[("LC_MESSAGES", "ko_KR"), ("LANG", "C")])),
            Lang::Ko
        );
        assert_eq!(
            lang_from_env(env(&[("LC_ALL", ""), ("LANG", "ko")])),
            Lang::Ko
        );
        assert_eq!(lang_from_env(env(&[])), Lang::En);
    }
}
