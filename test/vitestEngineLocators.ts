// Page side of the Firefox/WebKit provider (test/vitestEngines.ts): `page.getByRole()` and the other locators
// query the DOM here (Vitest's own selector engine), and their actions send the element's CSS path to the
// provider, which performs them with the engine's own input (WebDriver BiDi or WebDriver actions).
import {
  convertElementToCssSelector,
  getByAltTextSelector,
  getByLabelSelector,
  getByPlaceholderSelector,
  getByRoleSelector,
  getByTestIdSelector,
  getByTextSelector,
  getByTitleSelector,
  Locator,
  selectorEngine,
} from '@vitest/browser/locators';
import { page, server, utils } from 'vitest/browser';
import * as internal from 'vitest/internal/browser';

// Vitest's own hook for the locator its `expect.element` and `locator.filter()` create (untyped).
const { __INTERNAL } = internal as unknown as { __INTERNAL: { _createLocator(selector: string): Locator } };

type Options = Parameters<Locator['findElement']>[0];

class EngineLocator extends Locator {
  constructor(
    protected override _pwSelector: string,
    protected override _container?: Element,
  ) {
    super();
  }

  /** The CSS path of each matching element: what the provider finds the element by. */
  override get selector(): string {
    const selectors = this.elements().map((element) => convertElementToCssSelector(element));
    if (!selectors.length) throw utils.getElementError(this._pwSelector, this._container ?? document.body);
    return selectors.join(', ');
  }

  // Each action waits for its element, as Playwright's do, then sends that one element's path.
  private async only(options?: Options): Promise<EngineLocator> {
    return this.elementLocator(await this.findElement(options));
  }
  override async click(options?: Parameters<Locator['click']>[0]) {
    return Locator.prototype.click.call(await this.only(options), options);
  }
  override async upload(files: Parameters<Locator['upload']>[0], options?: Parameters<Locator['upload']>[1]) {
    return Locator.prototype.upload.call(await this.only(options), files, options);
  }

  override locator(selector: string) {
    return new EngineLocator(`${this._pwSelector} >> ${selector}`, this._container);
  }
  override elementLocator(element: Element) {
    return new EngineLocator(selectorEngine.generateSelectorSimple(element), element);
  }
}

page.extend({
  getByLabelText: (text, options) => new EngineLocator(getByLabelSelector(text, options)),
  getByRole: (role, options) => new EngineLocator(getByRoleSelector(role, options)),
  getByTestId: (testId) =>
    new EngineLocator(getByTestIdSelector(server.config.browser.locators.testIdAttribute, testId)),
  getByAltText: (text, options) => new EngineLocator(getByAltTextSelector(text, options)),
  getByPlaceholder: (text, options) => new EngineLocator(getByPlaceholderSelector(text, options)),
  getByText: (text, options) => new EngineLocator(getByTextSelector(text, options)),
  getByTitle: (title, options) => new EngineLocator(getByTitleSelector(title, options)),
  elementLocator: (element) => new EngineLocator(selectorEngine.generateSelectorSimple(element), element),
});

__INTERNAL._createLocator = (selector: string) => new EngineLocator(selector);
