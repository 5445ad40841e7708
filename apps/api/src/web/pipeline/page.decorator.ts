import { applyDecorators, Controller, Res, SetMetadata, UseGuards, UseInterceptors } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ApiExcludeController } from '@nestjs/swagger';
import { Role } from '@grants/identity';
import { Public } from '../../http/auth/auth.decorators';
import { PageGuard } from './page.guard';
import { PAGE_ACCESS, PageAccess } from './page-access';
import { PageResultInterceptor } from './page-result.interceptor';

/**
 * A controller of pages. The API's guard lets its routes through (they say who they are for with
 * @Page or @PublicPage); the page guard then decides before any body is read, and handlers return
 * a PageResult that the pipeline writes. A route that says neither is refused at startup.
 */
export function PageController(): ClassDecorator {
  const decorate = applyDecorators(ApiExcludeController(), Public(), Controller(), UseGuards(PageGuard), UseInterceptors(PageResultInterceptor));
  return (target) => {
    for (const name of Object.getOwnPropertyNames(target.prototype)) {
      const handler = (target.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      if (!Reflect.getMetadata(PAGE_ACCESS, handler)) throw new Error(`${target.name}.${name} is a page route without @Page or @PublicPage`);
    }
    decorate(target);
  };
}

/** A page for signed-in people; with roles, for those roles only. */
export function Page(roles: Role | Role[] = [], options: Pick<PageAccess, 'back' | 'keepQuery' | 'keepTyped'> = {}): MethodDecorator {
  return pageRoute({ signedIn: true, roles: Array.isArray(roles) ? roles : [roles], ...options });
}

/** A page anyone may open, signed in or not (forms on it are still CSRF-checked). */
export function PublicPage(): MethodDecorator {
  return pageRoute({ signedIn: false, roles: [] });
}

function pageRoute(access: PageAccess): MethodDecorator {
  return (target, key, descriptor) => {
    SetMetadata(PAGE_ACCESS, access)(target, key, descriptor);
    // The pipeline writes the response (PageResultInterceptor), so Nest must not: Nest leaves a
    // response alone when the handler takes it with @Res(). The handler never sees this argument.
    const declared = (Reflect.getMetadata('design:paramtypes', target, key) as unknown[] | undefined)?.length ?? (descriptor.value as (...args: unknown[]) => unknown).length;
    Res()(target, key, declared);
  };
}
