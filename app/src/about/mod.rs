//! The about page: the rules SIKAP follows and this instance's privacy threshold.

use crate::components::{Loading, PageHeader};
use crate::i18n::{move_tr, tr, I18n};
use crate::shell::layout::use_instance_info;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AboutPage() -> impl IntoView {
    // Captured here: page titles are read after rendering, outside this owner.
    let i18n = expect_context::<I18n>();
    let info = use_instance_info();
    view! {
        <Title text=tr!(i18n, about_title) />
        <PageHeader title=move_tr!(about_title)>
            <p>{move_tr!(about_body)}</p>
        </PageHeader>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                info.await.ok().map(|info| {
                    let min = info.min_group_size.to_string();
                    let instansi = info.instansi.clone();
                    let region = info.region_code.clone();
                    view! {
                        <div class="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                            <p data-testid="about-privacy">{move_tr!(about_privacy, { "min" => min.clone() })}</p>
                            <p>{move_tr!(about_instance, { "instansi" => instansi.clone(), "region" => region.clone() })}</p>
                        </div>
                    }
                })
            })}
        </Suspense>
    }
}
