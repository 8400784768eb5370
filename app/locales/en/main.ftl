# English: the second locale of SIKAP.
app-full-name = Civil Servant Performance Information System
nav-home = Home
nav-organisation = Organisation
nav-about = About
nav-main = Main navigation
lang-switch = Bahasa Indonesia
lang-switch-label = Switch language to Bahasa Indonesia
skip-to-content = Skip to content

home-title = Home
home-lead = Planning, reporting and assessment of the civil servants of { $instansi } in one place: yearly SKP plans, periodic results with evidence, continuous feedback from supervisors, and open performance data of each department for the public.
home-stat-units = Work units
home-stat-positions = Positions
home-stat-employees = Civil servants
home-stat-pppk = PPPK
home-by-kind = Employees by position type
home-by-status = Employees by status
home-cycle-title = The yearly performance cycle
home-cycle-plan = Planning: the employee drafts the SKP with the supervisor in a performance dialogue.
home-cycle-do = Execution: results and evidence each period, continuous feedback.
home-cycle-rate = Assessment: the supervisor rates results and BerAKHLAK work behaviour.
home-cycle-follow = Follow-up: recognition for top performers, coaching for those who need it.
home-empty = No personnel data is loaded yet. Run the seed command to load the demo data.

kind-jpt = Senior executive (JPT)
kind-administrator = Administrator
kind-pengawas = Supervisor (Pengawas)
kind-pelaksana = Staff (Pelaksana)
kind-fungsional = Functional
kind-kepala_daerah = Regent
status-pns = Civil servant (PNS)
status-pppk = Contract (PPPK)
status-non_asn = State official

org-title = Organisation
org-lead = Departments and work units with their head count, including every sub-unit.
org-search-label = Search work units
org-search-placeholder = e.g. Puskesmas, Bidang, Kecamatan
org-search-button = Search
org-results = { $count } units found
org-results-truncated = Only some are shown; narrow the search to see the others.
org-no-results = No unit matches “{ $query }”.
org-col-unit = Work unit
org-col-kind = Type
org-col-employees = Employees
org-illustrative = illustrative
unitkind-pemda = Regional government
unitkind-perangkat_daerah = Department
unitkind-bidang = Division
unitkind-seksi = Section
unitkind-upt = Technical unit (UPT)
unitkind-kecamatan = District office

about-title = About SIKAP
about-body = SIKAP follows PermenPANRB No. 6/2022 on civil servant performance management, the BerAKHLAK core values, and the public satisfaction survey (PermenPANRB No. 14/2017).
about-privacy = Individual ratings are personal data (Law No. 27/2022). Public pages show aggregates of at least { $min } people only.
about-instance = Institution: { $instansi } (region code { $region }).

loading = Loading…
error-title = Something went wrong
error-request-id = Request id: { $id }
not-found-title = Page not found
not-found-body = The address you opened does not exist or has moved.
not-found-home = Back to Home
