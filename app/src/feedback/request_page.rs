//! `/umpan-balik/permintaan/:id`: a colleague's request for feedback on an RHK, as
//! the colleague asked reads it: answer once, or decline. Plain forms.

use super::api::get_feedback_request;
use super::rules::MAX_MESSAGE_CHARS;
use super::types::{RequestStatus, RequestView};
use crate::components::form::{
    error_from_url, page_has, BUTTON_CLASS, INPUT_CLASS, LABEL_CLASS, SECONDARY_BUTTON_CLASS,
};
use crate::components::{AccessProblem, Loading, PageHeader};
use crate::error::AppError;
use crate::i18n::{move_tr, tr, I18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn FeedbackRequestPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    });
    let request = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => get_feedback_request(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Title text=tr!(i18n, feedback_request_title) />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match request.await {
                    Ok(view) => view! { <RequestScreen view /> }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

pub fn status_label(status: RequestStatus) -> String {
    match status {
        RequestStatus::Open => tr!(feedback_request_open),
        RequestStatus::Answered => tr!(feedback_request_answered),
        RequestStatus::Declined => tr!(feedback_request_declined),
        RequestStatus::Expired => tr!(feedback_request_expired),
    }
}

#[component]
fn RequestScreen(view: RequestView) -> impl IntoView {
    let errors: Vec<String> = [
        "/api/answer_feedback_request",
        "/api/decline_feedback_request",
    ]
    .into_iter()
    .filter_map(|path| error_from_url(path).get_untracked())
    .map(|e| e.to_string())
    .collect();
    let id = view.id.to_string();
    let thanks = page_has("dijawab").then(|| view! {
        <p class="mb-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="feedback-request-thanks">
            {move_tr!(feedback_request_thanks)}
        </p>
    });
    let forms = (view.status == RequestStatus::Open).then(|| view! {
        <form method="post" action="/api/answer_feedback_request" class="mt-4 flex max-w-3xl flex-col gap-2" data-testid="feedback-request-form">
            <input type="hidden" name="id" value=id.clone() />
            <label class=LABEL_CLASS>
                {move_tr!(feedback_request_answer)}
                <textarea name="jawaban" rows="4" required maxlength=MAX_MESSAGE_CHARS.to_string() class=INPUT_CLASS data-testid="feedback-request-answer"></textarea>
            </label>
            <button type="submit" class=format!("{BUTTON_CLASS} self-start") data-testid="feedback-request-send">{move_tr!(feedback_send)}</button>
        </form>
        <form method="post" action="/api/decline_feedback_request" class="mt-3">
            <input type="hidden" name="id" value=id.clone() />
            <button type="submit" class=SECONDARY_BUTTON_CLASS data-testid="feedback-request-decline">{move_tr!(feedback_request_decline)}</button>
        </form>
    });
    view! {
        <PageHeader title=tr!(feedback_request_heading, { "name" => view.requested_by_name.clone() })>
            <p>{tr!(feedback_request_about, { "employee" => view.employee_name.clone(), "rhk" => view.rhk_text.clone() })}</p>
        </PageHeader>
        {thanks}
        {errors.into_iter().map(|e| view! {
            <p class="mb-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900" role="alert" data-testid="feedback-error">{e}</p>
        }).collect_view()}
        <blockquote class="max-w-3xl whitespace-pre-line rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="feedback-request-question">
            {view.question.clone()}
        </blockquote>
        <p class="mt-2 text-sm text-slate-600" data-testid="feedback-request-status">
            {status_label(view.status)} " · " {tr!(feedback_request_until, { "date" => view.expires.clone() })}
        </p>
        {forms}
    }
}
