//! `/umpan-balik?subjek=…`: a thread, readable and answerable as plain HTML (a
//! post reloads the page without WASM); a small island makes it live.

use super::api::get_feedback_thread;
use super::live::{FeedbackFollower, FollowerConfig, EMPTY_ID, FORM_ID, LIST_ID, STATUS_ID};
use super::request_page::status_label;
use super::rules::{
    segments, Segment, Subject, MAX_MESSAGE_CHARS, MAX_QUESTION_CHARS, REQUEST_DAYS,
};
use super::types::{MessageView, RequestSummary, ThreadRole, ThreadView};
use crate::components::form::{
    error_from_url, page_has, BUTTON_CLASS, INPUT_CLASS, LABEL_CLASS, SECONDARY_BUTTON_CLASS,
};
use crate::components::islands::IslandScripts;
use crate::components::{AccessProblem, Loading, PageHeader};
use crate::i18n::{move_tr, tr, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Shared with the island, which writes new messages in the same markup.
pub const ITEM_CLASS: &str = "rounded-xl border border-slate-200 bg-white p-3 shadow-sm";
pub const HEAD_CLASS: &str = "flex flex-wrap items-baseline gap-x-2 text-sm";
pub const BODY_CLASS: &str = "mt-1 whitespace-pre-line break-words text-slate-800";
pub const HIDDEN_CLASS: &str = "mt-1 text-sm italic text-slate-500";

/// A link to the thread of `subject`, for the pages the subject lives on.
#[component]
pub fn FeedbackLink(subject: Subject, #[prop(optional)] test_id: &'static str) -> impl IntoView {
    let test_id = if test_id.is_empty() {
        "feedback-link"
    } else {
        test_id
    };
    view! {
        <a href=subject.href() class="text-sm text-emerald-800 underline" data-testid=test_id>
            "💬 " {move_tr!(feedback_link)}
        </a>
    }
}

#[component]
pub fn FeedbackPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let query = use_query_map();
    let subject = Memo::new(move |_| query.read().get("subjek").unwrap_or_default());
    let thread = Resource::new(move || subject.get(), get_feedback_thread);
    view! {
        <Title text=tr!(i18n, feedback_title) />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match thread.await {
                    Ok(view) => view! { <ThreadScreen view /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ThreadScreen(view: ThreadView) -> impl IntoView {
    let errors: Vec<String> = [
        "/api/post_feedback",
        "/api/edit_feedback",
        "/api/hide_feedback",
    ]
    .into_iter()
    .filter_map(|path| error_from_url(path).get_untracked())
    .map(|e| e.to_string())
    .collect();
    let moderator = view.role == ThreadRole::Moderator;
    let config = FollowerConfig {
        stream_url: format!("/langsung/umpan-balik?subjek={}", view.subject_key),
        last_seq: view.last_seq,
        edited: tr!(feedback_edited),
        hidden: tr!(feedback_hidden, { "reason" => "{reason}" }),
    }
    .encode();
    let empty = view.messages.is_empty().then(|| view! {
        <p id=EMPTY_ID class="text-slate-500" data-testid="feedback-empty">{move_tr!(feedback_empty)}</p>
    });
    let subject_key = view.subject_key.clone();
    let form = (!moderator).then(|| view! {
        <form id=FORM_ID method="post" action="/api/post_feedback" class="mt-4 flex flex-col gap-2" data-testid="feedback-form">
            <input type="hidden" name="subjek" value=subject_key />
            <label class=LABEL_CLASS>
                {move_tr!(feedback_message)}
                <textarea name="pesan" rows="3" required maxlength=MAX_MESSAGE_CHARS.to_string() class=INPUT_CLASS data-testid="feedback-input"></textarea>
            </label>
            <p class="text-xs text-slate-500">{tr!(feedback_message_hint, { "max" => MAX_MESSAGE_CHARS })}</p>
            <button type="submit" class=format!("{BUTTON_CLASS} self-start") data-testid="feedback-send">{move_tr!(feedback_send)}</button>
        </form>
    });
    view! {
        <PageHeader title=view.title.clone()>
            <p>{tr!(feedback_of, { "name" => view.employee_name.clone() })} " · "
                <a href=view.back_href.clone() class="text-emerald-800 underline" data-testid="feedback-back">{move_tr!(feedback_back)}</a>
            </p>
            <p class="mt-1 text-sm">{move_tr!(feedback_live)}</p>
        </PageHeader>
        {errors.into_iter().map(|e| view! {
            <p class="mb-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" role="alert" data-testid="feedback-error">{e}</p>
        }).collect_view()}
        {moderator.then(|| view! { <p class="mb-3 text-sm text-slate-600">{move_tr!(feedback_moderator_note)}</p> })}
        <p id=STATUS_ID hidden class="mb-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900" role="status" data-testid="feedback-offline">{move_tr!(feedback_offline)}</p>
        {empty}
        <ol id=LIST_ID class="flex max-w-3xl flex-col gap-3" aria-live="polite" data-testid="feedback-messages">
            {view.messages.into_iter().map(|m| view! { <MessageItem m moderator /> }).collect_view()}
        </ol>
        {form}
        <Requests subject_key=view.subject_key.clone() requests=view.requests.clone() can_request=view.can_request />
        <FeedbackFollower config />
        <IslandScripts />
    }
}

#[component]
fn MessageItem(m: MessageView, moderator: bool) -> impl IntoView {
    let id = m.id.to_string();
    let body = match &m.hidden_reason {
        Some(reason) => view! {
            <p class=HIDDEN_CLASS>{tr!(feedback_hidden, { "reason" => reason.clone() })}</p>
        }
        .into_any(),
        None => view! {
            <p class=BODY_CLASS data-testid="feedback-body">
                {segments(&m.body).into_iter().map(|s| match s {
                    Segment::Text(text) => text.into_any(),
                    Segment::Link(href) => {
                        let text = href.clone();
                        view! {
                            <a href=href rel="nofollow noopener noreferrer" target="_blank" class="text-emerald-800 underline">{text}</a>
                        }.into_any()
                    }
                }).collect_view()}
            </p>
        }
        .into_any(),
    };
    let edit = m.editable.then(|| view! {
        <details class="mt-2 text-sm" data-controls="">
            <summary class="cursor-pointer text-emerald-800" data-testid="feedback-edit">{move_tr!(feedback_edit)}</summary>
            <form method="post" action="/api/edit_feedback" class="mt-2 flex flex-col gap-2">
                <input type="hidden" name="pesan_id" value=id.clone() />
                <textarea name="pesan" rows="3" required maxlength=MAX_MESSAGE_CHARS.to_string() class=INPUT_CLASS data-testid="feedback-edit-input">{m.body.clone()}</textarea>
                <button type="submit" class=format!("{SECONDARY_BUTTON_CLASS} self-start") data-testid="feedback-edit-save">{move_tr!(feedback_save_edit)}</button>
            </form>
        </details>
    });
    let hide = (moderator && m.hidden_reason.is_none()).then(|| view! {
        <form method="post" action="/api/hide_feedback" class="mt-2 flex flex-wrap items-end gap-2 text-sm" data-controls="">
            <input type="hidden" name="pesan_id" value=id.clone() />
            <label class=LABEL_CLASS>
                {move_tr!(feedback_hide_reason)}
                <input name="alasan" required class=INPUT_CLASS data-testid="feedback-hide-reason" />
            </label>
            <button type="submit" class=SECONDARY_BUTTON_CLASS data-testid="feedback-hide">{move_tr!(feedback_hide)}</button>
        </form>
    });
    view! {
        <li id=format!("pesan-{id}") class=ITEM_CLASS data-testid="feedback-message">
            <p class=HEAD_CLASS>
                <strong class="font-semibold text-slate-900">{m.author_name.clone()}</strong>
                <span class="text-slate-500">{m.author_role.clone()}</span>
                <span class="text-slate-500">{m.posted.clone()}</span>
                {m.edited.then(|| view! { <span class="italic text-slate-500" data-testid="feedback-edited">{move_tr!(feedback_edited)}</span> })}
            </p>
            {body}
            {edit}
            {hide}
        </li>
    }
}

/// On an RHK's thread: asking a colleague for feedback, and the requests so far.
#[component]
fn Requests(
    subject_key: String,
    requests: Vec<RequestSummary>,
    can_request: bool,
) -> impl IntoView {
    let sent = page_has("diminta").then(|| view! {
        <p class="mt-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="feedback-request-sent">{move_tr!(feedback_request_sent)}</p>
    });
    let list = (!requests.is_empty()).then(|| view! {
        <h2 class="mt-6 font-semibold">{move_tr!(feedback_request_list)}</h2>
        <ul class="mt-1 space-y-1 text-sm" data-testid="feedback-requests">
            {requests.into_iter().map(|r| view! {
                <li>{r.colleague_name} " — " {status_label(r.status)} " · " {tr!(feedback_request_until, { "date" => r.expires })}</li>
            }).collect_view()}
        </ul>
    });
    let form = can_request.then(|| view! {
        <details class="mt-6 max-w-3xl rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <summary class="cursor-pointer font-semibold text-emerald-900" data-testid="feedback-request-open">{move_tr!(feedback_request_ask)}</summary>
            <form method="post" action="/api/request_feedback" class="mt-3 flex flex-col gap-2" data-testid="feedback-request-new">
                <input type="hidden" name="subjek" value=subject_key />
                <label class=LABEL_CLASS>
                    {move_tr!(feedback_request_colleague)}
                    <input name="rekan" required class=INPUT_CLASS data-testid="feedback-request-colleague" />
                </label>
                <label class=LABEL_CLASS>
                    {move_tr!(feedback_request_question)}
                    <textarea name="pertanyaan" rows="2" required maxlength=MAX_QUESTION_CHARS.to_string() class=INPUT_CLASS data-testid="feedback-request-question-input"></textarea>
                </label>
                <p class="text-xs text-slate-500">{tr!(feedback_request_hint, { "days" => REQUEST_DAYS })}</p>
                <button type="submit" class=format!("{SECONDARY_BUTTON_CLASS} self-start") data-testid="feedback-request-submit">{move_tr!(feedback_request_ask)}</button>
            </form>
        </details>
    });
    view! { {sent}{list}{form} }
}
