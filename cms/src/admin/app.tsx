import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import type { StrapiApp } from '@strapi/strapi/admin';
import { Earth } from '@strapi/icons';
import { addTranslationsColumn } from './translations/ListColumn';
import { TranslationsPanel } from './translations/SidePanel';

/**
 * The admin panel's additions for the translation workflow (Community edition APIs only): a
 * "Translations" column in the article list, a "Translations" panel in the statement's and articles'
 * edit views, and a "Translations" page with every document × locale. The panel's texts are English.
 */
export default {
  config: {
    locales: [],
  },
  register(app: StrapiApp) {
    app.addMenuLink({
      to: 'translations',
      icon: Earth,
      intlLabel: { id: 'translations.menu.label', defaultMessage: 'Translations' },
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::article.article' }],
      Component: () => import('./translations/OverviewPage'),
      position: 2,
    });
  },
  bootstrap(app: Pick<StrapiApp, 'registerHook' | 'getPlugin'>) {
    app.registerHook('Admin/CM/pages/ListView/inject-column-in-table', addTranslationsColumn);
    const contentManager = app.getPlugin('content-manager') as unknown as {
      apis: { addEditViewSidePanel: (panels: PanelComponent[]) => void };
    };
    contentManager.apis.addEditViewSidePanel([TranslationsPanel]);
  },
};
