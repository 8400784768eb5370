//! `/pemberitahuan`: the reader's notifications, newest first.

use super::api::{list_notifications, MarkNotificationsRead, OpenNotification};
use crate::calendar::format_wib;
use crate::components::action_form::{ActionForm, FormAction};
use crate::components::form::SECONDARY_BUTTON_CLASS;
use crate::components::{AccessProblem, Loading, PageHeader};
use crate::i18n::{move_tr, tr, I18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/pemberitahuan`
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let mark = FormAction::<MarkNotificationsRead>::new();
    // Opening a notice marks it read and follows its link (a plain form post).
    let open = FormAction::<OpenNotification>::new();
    let list = Resource::new(move || mark.version().get(), |_| list_notifications());
    view! {
        <Title text=tr!(i18n, notifications_title) />
        <PageHeader title=move_tr!(notifications_title)>
            <p>{move_tr!(notifications_lead)}</p>
        </PageHeader>
        <ActionForm action=mark attr:class="mb-4">
            <button type="submit" class=SECONDARY_BUTTON_CLASS data-testid="notifications-read">{move_tr!(notifications_mark_read)}</button>
        </ActionForm>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(items) if items.is_empty() => view! { <p class="text-slate-600">{move_tr!(list_empty)}</p> }.into_any(),
                    Ok(items) => view! {
                        <ul class="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="notifications">
                            {items.into_iter().map(|n| view! {
                                <li class=if n.read { "p-3 text-slate-600" } else { "p-3 font-medium text-slate-900" }>
                                    {match n.link.clone() {
                                        Some(_) => view! {
                                            <ActionForm action=open>
                                                <input type="hidden" name="id" value=n.id.to_string() />
                                                <button type="submit" class="text-left underline">{n.text.clone()}</button>
                                            </ActionForm>
                                        }.into_any(),
                                        None => view! { <p>{n.text.clone()}</p> }.into_any(),
                                    }}
                                    <p class="text-xs text-slate-500">{format_wib(n.created_at)}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(error) => view! { <AccessProblem error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
