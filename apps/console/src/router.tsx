import type { ComponentType } from 'react';
import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { RequireAuth } from './auth/require-auth';
import { AppLayout } from './layout/app-layout';
import { LoginPage } from './pages/login-page';
import { RouteError } from './pages/route-error';

/** `React.lazy` for a named export, so each page is its own chunk and pages keep named exports. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const AccountsPage = page(() => import('./pages/accounts-page'), 'AccountsPage');
const AccountDetailPage = page(() => import('./pages/account-detail-page'), 'AccountDetailPage');
const FollowersPage = page(() => import('./pages/followers-page'), 'FollowersPage');
const TagsPage = page(() => import('./pages/tags-page'), 'TagsPage');
const MenusPage = page(() => import('./pages/menus-page'), 'MenusPage');
const RepliesPage = page(() => import('./pages/replies-page'), 'RepliesPage');
const MaterialsPage = page(() => import('./pages/materials-page'), 'MaterialsPage');
const ArticlesPage = page(() => import('./pages/articles-page'), 'ArticlesPage');
const ArticleEditorPage = page(() => import('./pages/article-editor-page'), 'ArticleEditorPage');
const BroadcastsPage = page(() => import('./pages/broadcasts-page'), 'BroadcastsPage');
const TemplatesPage = page(() => import('./pages/templates-page'), 'TemplatesPage');
const DeliveriesPage = page(() => import('./pages/deliveries-page'), 'DeliveriesPage');
const ClockPage = page(() => import('./pages/clock-page'), 'ClockPage');
const NotFoundPage = page(() => import('./pages/not-found-page'), 'NotFoundPage');

/**
 * Client-side routes. The server answers unknown non-API GET paths with index.html, so every
 * route here is also a valid deep link.
 */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Navigate to="/accounts" replace /> },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'accounts/:appid', element: <Navigate to="profile" replace /> },
      { path: 'accounts/:appid/profile', element: <AccountDetailPage /> },
      { path: 'accounts/:appid/credentials', element: <AccountDetailPage /> },
      { path: 'accounts/:appid/developer', element: <AccountDetailPage /> },
      { path: 'accounts/:appid/followers', element: <FollowersPage /> },
      { path: 'accounts/:appid/tags', element: <TagsPage /> },
      { path: 'accounts/:appid/menus', element: <MenusPage /> },
      { path: 'accounts/:appid/replies', element: <RepliesPage /> },
      { path: 'accounts/:appid/materials', element: <MaterialsPage /> },
      { path: 'accounts/:appid/articles', element: <ArticlesPage /> },
      { path: 'accounts/:appid/articles/new', element: <ArticleEditorPage /> },
      { path: 'accounts/:appid/articles/drafts/:mediaId', element: <ArticleEditorPage /> },
      { path: 'accounts/:appid/broadcasts', element: <BroadcastsPage /> },
      { path: 'accounts/:appid/templates', element: <TemplatesPage /> },
      { path: 'accounts/:appid/deliveries', element: <DeliveriesPage /> },
      { path: 'settings', element: <Navigate to="/settings/clock" replace /> },
      { path: 'settings/clock', element: <ClockPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
