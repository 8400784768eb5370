//! The 404 page (a route nobody matched). Server errors outside Leptos get a static
//! page from the server crate; both show the request id for support.

use crate::components::PageHeader;
use crate::i18n::{move_tr, tr, I18n};
use leptos::prelude::*;

/// The id of the request that rendered this page on the server, carried into the
/// browser through a resource so hydration sees the same text.
#[component]
pub fn RequestIdLine() -> impl IntoView {
    let id = OnceResource::new(async move {
        #[cfg(feature = "ssr")]
        {
            crate::platform::request::current_request_id()
        }
        #[cfg(not(feature = "ssr"))]
        {
            String::new()
        }
    });
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let id = id.await;
                (!id.is_empty() && id != "-")
                    .then(|| {
                        view! {
                            <p class="mt-4 text-sm text-slate-500" data-testid="request-id">
                                {move_tr!(error_request_id, { "id" => id.clone() })}
                            </p>
                        }
                    })
            })}
        </Suspense>
    }
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    // Captured here: page titles are read after rendering, outside this owner.
    let i18n = expect_context::<I18n>();
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <leptos_meta::Title text=tr!(i18n, not_found_title) />
        <PageHeader title=move_tr!(not_found_title)>
            <p>{move_tr!(not_found_body)}</p>
        </PageHeader>
        <a href="/" class="inline-block rounded-md bg-emerald-700 px-4 py-2 font-medium text-white hover:bg-emerald-800">
            {move_tr!(not_found_home)}
        </a>
        <RequestIdLine />
    }
}
