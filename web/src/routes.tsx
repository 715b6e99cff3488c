import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Spin } from 'antd';
import { setUnauthorizedHandler } from './api.js';
import { useSession } from './session.js';
import { CitizenSessionProvider } from './citizen/session.js';
import { LoginPage } from './pages/LoginPage.js';
import { OfficerLayout } from './pages/OfficerLayout.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { AdminGuard, AdminHome } from './pages/admin/AdminGuard.js';
import { DeskLayout } from './pages/desk/DeskLayout.js';
import { PoliceGuard } from './pages/police/PoliceGuard.js';
import { IocGuard } from './pages/ioc/IocGuard.js';
import './lodging/lodging.css';

const PeopleSearchPage = lazy(() => import('./pages/PeopleSearchPage.js'));
const PersonPage = lazy(() => import('./pages/PersonPage.js'));
const NewPersonPage = lazy(() => import('./pages/NewPersonPage.js'));
const HouseholdPage = lazy(() => import('./pages/HouseholdPage.js'));
const PaymentsPage = lazy(() => import('./pages/payments/PaymentsPage.js'));
const VerificationAlertsPage = lazy(() => import('./pages/VerificationAlertsPage.js'));
const EidRequestsPage = lazy(() => import('./pages/EidRequestsPage.js'));
const CitizenForgotPasswordPage = lazy(() => import('./pages/citizen/CitizenForgotPasswordPage.js'));
const CitizenPasswordPage = lazy(() => import('./pages/citizen/CitizenPasswordPage.js'));
const Level2RequestPage = lazy(() => import('./pages/citizen/Level2RequestPage.js'));
const CitizenRegisterPage = lazy(() => import('./pages/citizen/CitizenRegisterPage.js'));
const CitizenLoginPage = lazy(() => import('./pages/citizen/CitizenLoginPage.js'));
const CitizenHomePage = lazy(() => import('./pages/citizen/CitizenHomePage.js'));
const SsoClientsPage = lazy(() => import('./pages/admin/SsoClientsPage.js'));
const RelyingPartiesPage = lazy(() => import('./pages/admin/RelyingPartiesPage.js'));
const KiosksPage = lazy(() => import('./pages/admin/KiosksPage.js'));
const ExchangeAgenciesPage = lazy(() => import('./pages/admin/exchange/AgenciesPage.js'));
const ExchangeGrantsPage = lazy(() => import('./pages/admin/exchange/GrantsPage.js'));
const ExchangeApprovalsPage = lazy(() => import('./pages/admin/exchange/ApprovalsPage.js'));
const ExchangeUsagePage = lazy(() => import('./pages/admin/exchange/UsagePage.js'));
const OfficersPage = lazy(() => import('./pages/admin/OfficersPage.js'));
const PasswordPage = lazy(() => import('./pages/PasswordPage.js'));
const IdentityQrPage = lazy(() => import('./pages/citizen/IdentityQrPage.js'));
const UsageHistoryPage = lazy(() => import('./pages/citizen/UsageHistoryPage.js'));
const ConsentsPage = lazy(() => import('./pages/citizen/ConsentsPage.js'));
const WalletPage = lazy(() => import('./pages/citizen/WalletPage.js'));
const DeskVerifyPage = lazy(() => import('./pages/desk/DeskVerifyPage.js'));
const SsoPage = lazy(() => import('./pages/citizen/SsoPage.js'));
const DevOutboxPage = lazy(() => import('./pages/citizen/DevOutboxPage.js'));
const DeskLodgingPage = lazy(() => import('./pages/desk/DeskLodgingPage.js'));
const DeskDeclarePage = lazy(() => import('./pages/desk/DeskDeclarePage.js'));
const DeskBirthPage = lazy(() => import('./pages/desk/DeskBirthPage.js'));
const PoliceStaysPage = lazy(() => import('./pages/police/PoliceStaysPage.js'));
const PoliceFacilitiesPage = lazy(() => import('./pages/police/PoliceFacilitiesPage.js'));
const PoliceWatchlistPage = lazy(() => import('./pages/police/PoliceWatchlistPage.js'));
const PoliceAlertsPage = lazy(() => import('./pages/police/PoliceAlertsPage.js'));
const PoliceStatisticsPage = lazy(() => import('./pages/police/PoliceStatisticsPage.js'));
const CitizenStaysPage = lazy(() => import('./pages/citizen/CitizenStaysPage.js'));
const FacilityRegisterPage = lazy(() => import('./pages/FacilityRegisterPage.js'));
const IocPopulationPage = lazy(() => import('./pages/ioc/PopulationPage.js'));
const IocLabourPage = lazy(() => import('./pages/ioc/LabourPage.js'));
const IocTourismPage = lazy(() => import('./pages/ioc/TourismPage.js'));
const IocPublicOrderPage = lazy(() => import('./pages/ioc/PublicOrderPage.js'));
const IocReadinessPage = lazy(() => import('./pages/ioc/ReadinessPage.js'));
const IocPlansPage = lazy(() => import('./pages/ioc/PlansPage.js'));
const IocPlanPage = lazy(() => import('./pages/ioc/PlanPage.js'));
const LinkageQualityPage = lazy(() => import('./pages/linkage/LinkageQualityPage.js'));
const ServicesPage = lazy(() => import('./pages/citizen/ServicesPage.js'));
const ProcedurePage = lazy(() => import('./pages/citizen/ProcedurePage.js'));
const CitizenDossierPage = lazy(() => import('./pages/citizen/DossierPage.js'));
const GroupStartPage = lazy(() => import('./pages/citizen/GroupStartPage.js'));
const GroupPage = lazy(() => import('./pages/citizen/GroupPage.js'));
const OfficerDossiersPage = lazy(() => import('./pages/services/OfficerDossiersPage.js'));
const OfficerDossierPage = lazy(() => import('./pages/services/OfficerDossierPage.js'));
const CounterIntakePage = lazy(() => import('./pages/services/CounterIntakePage.js'));
const CertifyCopyPage = lazy(() => import('./pages/services/CertifyCopyPage.js'));
const CopyRegisterPage = lazy(() => import('./pages/services/CopyRegisterPage.js'));
const VerifyDocumentPage = lazy(() => import('./pages/VerifyDocumentPage.js'));
const SharedDocumentPage = lazy(() => import('./pages/SharedDocumentPage.js'));
const CitizenDocumentsPage = lazy(() => import('./pages/citizen/DocumentsPage.js'));
const KioskPage = lazy(() => import('./pages/kiosk/KioskPage.js'));
const LinkageRunsPage = lazy(() => import('./pages/linkage/LinkageRunsPage.js'));
const LinkageRunPage = lazy(() => import('./pages/linkage/LinkageRunPage.js'));
const LinkageReviewPage = lazy(() => import('./pages/linkage/LinkageReviewPage.js'));
const LinkageRowsPage = lazy(() => import('./pages/citizen/LinkageRowsPage.js'));
const SectorRecordsPage = lazy(() => import('./pages/citizen/SectorRecordsPage.js'));

/** Any 401 from the API sends the officer to the sign-in page, remembering where they were. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const location = useLocation();
  const { clear } = useSession();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      clear();
      if (location.pathname !== '/login') {
        void navigate('/login', { replace: true, state: { from: location.pathname + location.search, expired: true } });
      }
    });
  }, [navigate, location, clear]);
  return null;
}

export function AppRoutes() {
  return (
    <CitizenSessionProvider>
      <UnauthorizedRedirect />
      <Suspense fallback={<Spin className="page-spin" />}>
        <Routes>
          <Route path="/" element={<Navigate to="/officer" replace />} />
          <Route path="/login" element={<LoginPage />} />
          {/* Every officer and counter staff member: their own password (first, a one-time one given by the administrator). */}
          <Route path="/password" element={<PasswordPage />} />
          <Route path="/officer" element={<OfficerLayout />}>
            <Route index element={<Navigate to="people" replace />} />
            <Route path="people" element={<PeopleSearchPage />} />
            <Route path="people/new" element={<NewPersonPage />} />
            <Route path="people/:key" element={<PersonPage />} />
            <Route path="households/:no" element={<HouseholdPage />} />
            <Route path="verification-alerts" element={<VerificationAlertsPage />} />
            <Route path="eid-requests" element={<EidRequestsPage />} />
            <Route path="dossiers" element={<OfficerDossiersPage />} />
            <Route path="dossiers/:id" element={<OfficerDossierPage />} />
            <Route path="counter" element={<CounterIntakePage />} />
            <Route path="certified-copies" element={<CopyRegisterPage />} />
            <Route path="certified-copies/new" element={<CertifyCopyPage />} />
            <Route path="payments" element={<PaymentsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
          {/* Administration (desktop, role admin: officer accounts, single sign-on clients, relying parties; AdminGuard tells anyone else they lack the right). */}
          <Route path="/admin" element={<OfficerLayout />}>
            <Route element={<AdminGuard />}>
              <Route index element={<AdminHome />} />
              <Route path="officers" element={<OfficersPage />} />
              <Route path="sso-clients" element={<SsoClientsPage />} />
              <Route path="relying-parties" element={<RelyingPartiesPage />} />
              <Route path="kiosks" element={<KiosksPage />} />
              <Route path="exchange" element={<ExchangeAgenciesPage />} />
              <Route path="exchange/grants" element={<ExchangeGrantsPage />} />
              <Route path="exchange/approvals" element={<ExchangeApprovalsPage />} />
              <Route path="exchange/usage" element={<ExchangeUsagePage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
          {/* Lodging oversight (desktop, commune and province police); PoliceGuard keeps the alert stream open. */}
          <Route path="/police" element={<OfficerLayout />}>
            <Route element={<PoliceGuard />}>
              <Route index element={<PoliceStaysPage />} />
              <Route path="facilities" element={<PoliceFacilitiesPage />} />
              <Route path="watchlist" element={<PoliceWatchlistPage />} />
              <Route path="alerts" element={<PoliceAlertsPage />} />
              <Route path="statistics" element={<PoliceStatisticsPage />} />
              <Route path="*" element={<NotFoundPage home="/police" />} />
            </Route>
          </Route>
          {/* Operations centre (desktop, leaders and the Project 06 working group): dashboards and the plan tracker. */}
          <Route path="/ioc" element={<OfficerLayout />}>
            <Route element={<IocGuard />}>
              <Route index element={<IocPopulationPage />} />
              <Route path="labour" element={<IocLabourPage />} />
              <Route path="tourism" element={<IocTourismPage />} />
              <Route path="public-order" element={<IocPublicOrderPage />} />
              <Route path="readiness" element={<IocReadinessPage />} />
              <Route path="plans" element={<IocPlansPage />} />
              <Route path="plans/:id" element={<IocPlanPage />} />
              <Route path="*" element={<NotFoundPage home="/ioc" />} />
            </Route>
          </Route>
          {/* Record linkage of sector lists (desktop): the sector officer's runs, the registry officer's review queue. */}
          <Route path="/linkage" element={<OfficerLayout />}>
            <Route index element={<LinkageRunsPage />} />
            <Route path="runs/:id" element={<LinkageRunPage />} />
            <Route path="runs/:id/quality" element={<LinkageQualityPage />} />
            <Route path="review" element={<LinkageReviewPage />} />
            <Route path="*" element={<NotFoundPage home="/linkage" />} />
          </Route>
          {/* Relying-party counter (phone-first, role rp_staff): verify an identity QR or a card's QR. */}
          <Route path="/desk" element={<DeskLayout />}>
            <Route index element={<DeskVerifyPage />} />
            <Route path="lodging" element={<DeskLodgingPage />} />
            <Route path="lodging/new" element={<DeskDeclarePage />} />
            <Route path="birth" element={<DeskBirthPage />} />
            <Route path="*" element={<NotFoundPage home="/desk" />} />
          </Route>
          {/* Citizen e-ID pages (phone-first); their API calls never trigger the officer redirect. */}
          <Route path="/citizen" element={<CitizenHomePage />} />
          <Route path="/citizen/qr" element={<IdentityQrPage />} />
          <Route path="/citizen/history" element={<UsageHistoryPage />} />
          <Route path="/citizen/consents" element={<ConsentsPage />} />
          <Route path="/citizen/linkage" element={<LinkageRowsPage />} />
          <Route path="/citizen/sector-records" element={<SectorRecordsPage />} />
          <Route path="/citizen/wallet" element={<WalletPage />} />
          <Route path="/citizen/stays" element={<CitizenStaysPage />} />
          <Route path="/citizen/documents" element={<CitizenDocumentsPage />} />
          <Route path="/citizen/services" element={<ServicesPage />} />
          <Route path="/citizen/services/procedures/:slug" element={<ProcedurePage />} />
          <Route path="/citizen/services/dossiers/:id" element={<CitizenDossierPage />} />
          <Route path="/citizen/services/groups/start/:slug" element={<GroupStartPage />} />
          <Route path="/citizen/services/groups/:id" element={<GroupPage />} />
          <Route path="/citizen/register" element={<CitizenRegisterPage />} />
          <Route path="/citizen/login" element={<CitizenLoginPage />} />
          <Route path="/citizen/forgot-password" element={<CitizenForgotPasswordPage />} />
          <Route path="/citizen/password" element={<CitizenPasswordPage />} />
          <Route path="/citizen/level2" element={<Level2RequestPage />} />
          {/* Self-service kiosk of a public-administration centre (full screen, touch): only a registered device's key opens it. */}
          <Route path="/kiosk" element={<KioskPage />} />
          {/* A lodging facility applies on its own (public). */}
          <Route path="/lodging/register" element={<FacilityRegisterPage />} />
          {/* Anyone checks a da06 signed document: the QR's link, or an uploaded PDF. */}
          <Route path="/verify" element={<VerifyDocumentPage />} />
          {/* A document a citizen shared by a time-limited link (no sign-in). */}
          <Route path="/shared/:token" element={<SharedDocumentPage />} />
          <Route path="/sso/:uid" element={<SsoPage />} />
          <Route path="/dev/outbox" element={<DevOutboxPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </CitizenSessionProvider>
  );
}
